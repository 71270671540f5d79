package io.archexplorer.samples.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.archexplorer.engine.graph.Shape;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeparableConvTest {

    /**
     * MobileNet's layer, 8 → 16 channels on 4×4 (16 positions): depthwise 8·9 = 72 weights, pointwise 16·8 = 128,
     * batchnorms 2·(8 + 16) = 48: 248 params; 16·(72 + 128) = 3200 mult-adds.
     */
    @Test
    void mobileNetNormalizesAndActivatesBothHalves() {
        TinyNet net = TinyNet.after(8, 4, (b, in) -> SeparableConv.mobileNet(8, 16, 1).add(b, "separable1", in));
        assertEquals(List.of("separable1.depthwise", "separable1.depthwise_bn", "separable1.depthwise_relu",
                "separable1.pointwise", "separable1.pointwise_bn", "separable1.pointwise_relu"), net.names());
        assertEquals(248, net.params());
        assertEquals(3200, net.multAdds());
    }

    /**
     * Xception's and NASNet's order, 5×5 stride 2, 8 → 16 channels on 8×8 → 4×4 (16 positions): depthwise 8·25 = 200,
     * pointwise 16·8 = 128, one batchnorm 2·16 = 32: 360 params; 16·(200 + 128) = 5248 mult-adds.
     */
    @Test
    void preActivatedRunsBothHalvesBackToBackThenOneBatchNorm() {
        TinyNet net = TinyNet.after(8, 8, (b, in) -> SeparableConv.preActivated(8, 16, 5, 2).add(b, "sep", in));
        assertEquals(List.of("sep.relu", "sep.depthwise", "sep.pointwise", "sep.pointwise_bn"), net.names());
        assertEquals(Shape.of(1, 16, 4, 4), net.output());
        assertEquals(360, net.params());
        assertEquals(5248, net.multAdds());
    }

    @Test
    void theHalvesMustBeDepthwiseAndPointwise() {
        assertThrows(IllegalArgumentException.class,
                () -> new SeparableConv(Optional.empty(), ConvBnAct.of(16, 3), ConvBnAct.pointwise(16)));
        assertThrows(IllegalArgumentException.class,
                () -> new SeparableConv(Optional.empty(), ConvBnAct.depthwise(8, 3), ConvBnAct.of(16, 3)));
    }
}
