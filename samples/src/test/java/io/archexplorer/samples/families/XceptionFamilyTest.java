package io.archexplorer.samples.families;

import static io.archexplorer.samples.families.BuiltModel.assertKnobError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Conv;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Xception against Chollet 2017 (timm's figures are checked layer by layer in PyTorchExactMatchTest). */
class XceptionFamilyTest {

    /** Table 3 of the paper: Xception has 22,855,952 parameters (Inception V3's comparison table). */
    @Test
    void paramsMatchThePapersTable3() {
        assertEquals(22_855_952, BuiltModel.of("xception").totals().params());
    }

    /** Figure 5: the entry flow ends at 19×19×728, the middle flow keeps it, the exit flow ends at 10×10×2048. */
    @ParameterizedTest
    @CsvSource({
        "entry_flow.block1.add, 128, 74", "entry_flow.block2.add, 256, 37", "entry_flow.block3.add, 728, 19",
        "middle_flow.block5.add, 728, 19", "middle_flow.block8.add, 728, 19", "exit_flow.block1.add, 1024, 10",
        "exit_flow.sepconv2.pointwise_relu, 2048, 10"})
    void flowsFollowFigure5(String layer, int channels, int side) {
        assertEquals(Shape.of(1, channels, side, side), BuiltModel.of("xception").shape(layer));
    }

    /** The blocks of the three flows are named after the paper's figure, each a box of its own when collapsed. */
    @Test
    void blocksAreNamedAfterTheFlows() {
        Set<String> blocks = new LinkedHashSet<>();
        for (Layer l : BuiltModel.of("xception", "middle_blocks=2").net().layers()) {
            if (!l.block().isEmpty()) {
                String[] parts = l.block().split("\\.");
                blocks.add(parts[0] + "." + parts[1]);
            }
        }
        assertEquals(List.of("entry_flow.stem", "entry_flow.block1", "entry_flow.block2", "entry_flow.block3",
                "middle_flow.block1", "middle_flow.block2", "exit_flow.block1", "exit_flow.sepconv1",
                "exit_flow.sepconv2"), List.copyOf(blocks));
    }

    /**
     * A middle-flow block is three ReLU–separable conv–batchnorm units at 728 channels: 3 · (728·9 + 728·728 +
     * 2·728) = 1,613,976 params, at 19×19 (361 positions) 361 · 3 · (728·9 + 728·728) mult-adds.
     */
    @Test
    void eachMiddleBlockAddsItsCost() {
        BuiltModel eight = BuiltModel.of("xception");
        BuiltModel nine = BuiltModel.of("xception", "middle_blocks=9");
        assertEquals(1_613_976, nine.totals().params() - eight.totals().params());
        assertEquals(361L * 3 * (728 * 9 + 728 * 728), nine.totals().multAdds() - eight.totals().multAdds());
        assertFalse(BuiltModel.of("xception", "middle_blocks=0").net().layers().stream()
                .anyMatch(l -> l.block().startsWith("middle_flow")));
    }

    /**
     * Without separable convolutions each unit is a full 3×3 convolution: a middle unit has 728·728·9 weights where
     * the separable one has 728·9 + 728·728.
     */
    @Test
    void separableOffUsesFullConvolutions() {
        BuiltModel full = BuiltModel.of("xception", "separable=off");
        assertEquals(728L * 728 * 9, full.cost("middle_flow.block1.conv1.conv").params());
        assertEquals(0, full.net().layers().stream().filter(l -> l.op() instanceof Conv c && c.groups() != 1).count(),
                "no depthwise convolution is left");
        assertTrue(full.totals().params() > 5 * BuiltModel.of("xception").totals().params());
    }

    /**
     * Figure 9's net without residual connections: no add, and none of the four strided 1×1 shortcut convolutions
     * (with batchnorm): 64·128 + 128·256 + 256·728 + 728·1024 weights and 2·(128 + 256 + 728 + 1024) batchnorm params.
     */
    @Test
    void residualOffDropsEveryShortcut() {
        BuiltModel plain = BuiltModel.of("xception", "residual=off");
        assertEquals(0, plain.count("add"));
        assertEquals(64 * 128 + 128 * 256 + 256 * 728 + 728 * 1024 + 2 * (128 + 256 + 728 + 1024),
                BuiltModel.of("xception").totals().params() - plain.totals().params());
    }

    @Test
    void badKnobValuesNameTheKnob() {
        assertKnobError("xception", "middle_blocks", "-1");
        assertKnobError("xception", "separable", "half");
        assertKnobError("xception", "resolution", "7");
    }
}
