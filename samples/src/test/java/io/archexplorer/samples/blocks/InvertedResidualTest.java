package io.archexplorer.samples.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.BatchNorm;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvertedResidualTest {

    /**
     * MobileNetV2's block, 8 → 16 → 8 channels on 4×4 (16 positions): expand 16·8 = 128 weights, depthwise 16·9 =
     * 144, project 8·16 = 128, batchnorms 2·(16 + 16 + 8) = 80: 480 params; 16·(128 + 144 + 128) = 6400 mult-adds.
     */
    @Test
    void expandsFiltersProjectsAndAddsTheInput() {
        TinyNet net = TinyNet.after(8, 4, (b, in) -> InvertedResidual.of(8, 16, 8).add(b, "block", in));
        assertEquals(List.of("block.expand", "block.expand_bn", "block.expand_relu6", "block.depthwise",
                "block.depthwise_bn", "block.depthwise_relu6", "block.project", "block.project_bn", "block.add"),
                net.names());
        assertEquals(List.of("input", "block.project_bn"), net.layer("block.add").inputs());
        assertEquals(480, net.params());
        assertEquals(6400, net.multAdds());
    }

    /**
     * Hidden width = input width: no expansion; stride 2 and a wider output: no residual. 8 → 16 on 4×4 → 2×2 (4
     * positions): depthwise 8·9 = 72, project 16·8 = 128, batchnorms 2·(8 + 16) = 48: 248 params;
     * 4·(72 + 128) = 800 mult-adds.
     */
    @Test
    void withoutExpansionOrResidualOnlyTheDepthwiseAndProjectionRemain() {
        TinyNet net = TinyNet.after(8, 4, (b, in) -> InvertedResidual.of(8, 8, 16).withStride(2).add(b, "block", in));
        assertEquals(List.of("block.depthwise", "block.depthwise_bn", "block.depthwise_relu6", "block.project",
                "block.project_bn"), net.names());
        assertEquals(Shape.of(1, 16, 2, 2), net.output());
        assertEquals(248, net.params());
        assertEquals(800, net.multAdds());
    }

    /**
     * A MobileNetV3 block: 5×5, hard_swish, squeeze-and-excitation 16 → 8 → 16 with a hard_sigmoid gate, eps 0.001.
     * On 4×4 with 8 → 16 → 8 channels: expand 128 + 32, depthwise 16·25 = 400 + 32, SE 16·8 + 8 + 8·16 + 16 = 280,
     * project 128 + 16: 1016 params; 16·(128 + 400 + 128) + 280 = 10776 mult-adds.
     */
    @Test
    void mobileNetV3BlockWithSqueezeExcitation() {
        InvertedResidual block = InvertedResidual.of(8, 16, 8).withKernel(5)
                .withActivation(Activation.Function.HARD_SWISH)
                .withSqueezeExcitation(SqueezeExcitation.of(16, 8).withGate(Activation.Function.HARD_SIGMOID))
                .withBatchNormEps(0.001);
        TinyNet net = TinyNet.after(8, 4, (b, in) -> block.add(b, "block", in));
        assertEquals(List.of("block.expand", "block.expand_bn", "block.expand_hard_swish", "block.depthwise",
                "block.depthwise_bn", "block.depthwise_hard_swish", "block.se.avgpool", "block.se.fc1",
                "block.se.fc1_relu", "block.se.fc2", "block.se.fc2_hard_sigmoid", "block.se.scale", "block.project",
                "block.project_bn", "block.add"), net.names());
        assertEquals(new BatchNorm(0.001), net.layer("block.project_bn").op());
        assertEquals("block.se", net.layer("block.se.scale").block());
        assertEquals(1016, net.params());
        assertEquals(10776, net.multAdds());
    }

    @Test
    void theSqueezeExcitationGatesTheHiddenChannels() {
        assertThrows(IllegalArgumentException.class,
                () -> InvertedResidual.of(8, 16, 8).withSqueezeExcitation(SqueezeExcitation.of(8, 2)));
    }
}
