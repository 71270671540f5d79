package io.archexplorer.samples.families;

import static io.archexplorer.samples.families.BuiltModel.assertCombinationError;
import static io.archexplorer.samples.families.BuiltModel.assertKnobError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DenseNetFamilyTest {

    /**
     * torchvision's published figures (weights metadata of densenet161/169/201: num_params exactly, GFLOPS to two
     * decimals); densenet121 is checked layer by layer in PyTorchExactMatchTest.
     */
    @ParameterizedTest
    @CsvSource({"densenet161, 28681000, 7.73", "densenet169, 14149480, 3.36", "densenet201, 20013928, 4.29"})
    void presetsMatchTorchvisionPublishedFigures(String preset, long params, double gflops) {
        BuiltModel m = BuiltModel.of(preset);
        assertEquals(params, m.totals().params());
        assertEquals(gflops, m.totals().multAdds() / 1e9, 0.005);
    }

    @Test
    void denseLayerConcatenatesTheBlockInputAndEveryEarlierLayer() {
        BuiltModel m = BuiltModel.of("densenet121");
        assertEquals(3, m.layer("denseblock1.layer3.concat").inputs().size());
        assertEquals(64 + 2 * 32, m.shape("denseblock1.layer3.concat").c());
        assertEquals(-1, m.net().indexOf("denseblock1.layer1.concat"), "the first layer reads the block input");
        assertEquals(7, m.layer("denseblock1.concat").inputs().size());
        assertEquals(64 + 6 * 32, m.shape("denseblock1.concat").c());
    }

    @Test
    void compressionSetsTheTransitionWidth() {
        int afterBlock1 = 64 + 6 * 32;
        assertEquals(afterBlock1 / 2, BuiltModel.of("densenet121").shape("transition1.conv").c());
        assertEquals(afterBlock1, BuiltModel.of("densenet121", "compression=1").shape("transition1.conv").c());
        assertEquals(76, BuiltModel.of("densenet121", "compression=0.3").shape("transition1.conv").c(),
                "floor(0.3 · 256)");
        assertTrue(BuiltModel.of("densenet121", "compression=1").totals().params()
                > BuiltModel.of("densenet121").totals().params(), "DenseNet-C is smaller than DenseNet");
    }

    @Test
    void withoutBottleneckEachLayerIsOneThreeByThreeConvolution() {
        BuiltModel b = BuiltModel.of("densenet121");
        BuiltModel plain = BuiltModel.of("densenet121", "bottleneck=off");
        int denseLayers = 6 + 12 + 24 + 16;
        int stemAndTransitions = 1 + 3;
        assertEquals(stemAndTransitions + 2 * denseLayers, b.count("conv"));
        assertEquals(stemAndTransitions + denseLayers, plain.count("conv"));
        assertEquals(32L * (64 + 32) * 3 * 3, plain.cost("denseblock1.layer2.conv").params());
        assertEquals(32, plain.shape("denseblock1.layer2.conv").c());
    }

    @Test
    void growthRateAndInitFeaturesSetTheWidths() {
        BuiltModel m = BuiltModel.of("densenet", "growth_rate=12", "init_features=24", "blocks=2,2");
        assertEquals(24, m.shape("conv0").c());
        assertEquals(4 * 12, m.shape("denseblock1.layer1.conv1").c());
        assertEquals(12, m.shape("denseblock1.layer1.conv2").c());
        assertEquals((24 + 2 * 12) / 2 + 2 * 12, m.shape("norm5").c());
        assertEquals(-1, m.net().indexOf("transition2.conv"), "no transition after the last block");
    }

    @Test
    void everyLayerBetweenStemAndHeadBelongsToABlock() {
        BuiltModel m = BuiltModel.of("densenet121");
        boolean inside = false;
        for (Layer l : m.net().layers()) {
            if (l.name().equals("norm5")) {
                inside = false;
            }
            if (inside) {
                assertFalse(l.block().isEmpty(), l.name());
                assertTrue(l.block().matches("denseblock\\d(\\.layer\\d+)?|transition\\d"), l.block());
            } else {
                assertTrue(l.block().isEmpty(), l.name());
            }
            if (l.name().equals("pool0")) {
                inside = true;
            }
        }
        assertEquals("denseblock3.layer7", m.layer("denseblock3.layer7.conv2").block());
    }

    @Test
    void badKnobValuesNameTheKnob() {
        assertKnobError("densenet", "growth_rate", "0");
        assertKnobError("densenet", "blocks", "6,0,24,16");
        assertKnobError("densenet", "blocks", "1,1,1,1,1,1,1");
        assertKnobError("densenet", "init_features", "x");
        assertKnobError("densenet", "compression", "0");
        assertKnobError("densenet", "bottleneck", "maybe");
        assertKnobError("densenet", "resolution", "0");
    }

    @Test
    void compressionThatLeavesNoChannelsIsAKnobError() {
        assertCombinationError("densenet", "compression",
                "compression=0.1", "init_features=1", "growth_rate=1", "blocks=1,1");
    }
}
