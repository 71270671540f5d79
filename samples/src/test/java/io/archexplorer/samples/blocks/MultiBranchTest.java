package io.archexplorer.samples.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Pool;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiBranchTest {

    /**
     * A GoogLeNet-shaped module on 8 channels at 4×4 (16 positions): 1x1 to 4; 3x3_reduce to 2 then 3x3 to 4; a pool
     * then pool_proj to 2; and the input itself. Concatenated: 4 + 4 + 2 + 8 = 18 channels. Weights 4·8 + 2·8 + 4·2·9
     * + 2·8 = 136 plus batchnorms 2·(4 + 2 + 4 + 2) = 24: 160 params; 16·136 = 2176 mult-adds.
     */
    @Test
    void concatenatesItsBranchesInOrder() {
        MultiBranch module = MultiBranch.of(
                List.of(ConvBnAct.pointwise(4).named("1x1")),
                List.of(ConvBnAct.pointwise(2).named("3x3_reduce"), ConvBnAct.of(4, 3).named("3x3")),
                List.of(Step.layer("pool", Pool.max(3, 1, 1)), ConvBnAct.pointwise(2).named("pool_proj")),
                List.of());
        TinyNet net = TinyNet.after(8, 4, (b, in) -> {
            try (var s = b.block("inception")) {
                return module.add(b, "concat", in);
            }
        });
        assertEquals(List.of("inception.1x1", "inception.1x1_bn", "inception.1x1_relu", "inception.3x3_reduce",
                "inception.3x3_reduce_bn", "inception.3x3_reduce_relu", "inception.3x3", "inception.3x3_bn",
                "inception.3x3_relu", "inception.pool", "inception.pool_proj", "inception.pool_proj_bn",
                "inception.pool_proj_relu", "inception.concat"), net.names());
        assertEquals(List.of("inception.1x1_relu", "inception.3x3_relu", "inception.pool_proj_relu", "input"),
                net.layer("inception.concat").inputs());
        assertEquals(List.of("inception"), net.net().layers().stream().skip(1).map(Layer::block).distinct().toList(),
                "every layer in the caller's block");
        assertEquals(Shape.of(1, 18, 4, 4), net.output());
        assertEquals(160, net.params());
        assertEquals(2176, net.multAdds());
    }

    /**
     * Inception v3's split branch: a 1×1 to 4, then 1×3 and 3×1 side by side (2 each) concatenated, beside the input:
     * 2 + 2 + 8 = 12 channels. Weights 4·8 + 2·4·3 + 2·4·3 = 80 plus batchnorms 2·(4 + 2 + 2) = 16: 96 params;
     * 16·80 = 1280 mult-adds.
     */
    @Test
    void aMultiBranchIsAStepOfAnother() {
        MultiBranch split = MultiBranch.of(
                List.of(ConvBnAct.of(2, 1, 3).named("1x3")),
                List.of(ConvBnAct.of(2, 3, 1).named("3x1")));
        MultiBranch module = MultiBranch.of(
                List.of(ConvBnAct.pointwise(4).named("reduce"), split.named("split")),
                List.of());
        TinyNet net = TinyNet.after(8, 4, (b, in) -> module.add(b, "concat", in));
        assertEquals(List.of("reduce", "reduce_bn", "reduce_relu", "1x3", "1x3_bn", "1x3_relu", "3x1", "3x1_bn",
                "3x1_relu", "split", "concat"), net.names());
        assertEquals(List.of("split", "input"), net.layer("concat").inputs());
        assertEquals(Shape.of(1, 12, 4, 4), net.output());
        assertEquals(96, net.params());
        assertEquals(1280, net.multAdds());
    }
}
