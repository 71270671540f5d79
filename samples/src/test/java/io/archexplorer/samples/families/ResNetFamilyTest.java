package io.archexplorer.samples.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.LayerCost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResNetFamilyTest {

    /**
     * torchvision's published figures for the presets PyTorch's reference file does not cover: num_params exactly,
     * and GFLOPS (conv + fc mult-adds) to the two decimals torchvision prints.
     */
    @ParameterizedTest
    @CsvSource({
        "resnet34,         21797672, 3.66",
        "resnet101,        44549160, 7.80",
        "resnet152,        60192808, 11.51",
        "resnext101_32x8d, 88791336, 16.41",
    })
    void presetMatchesTorchvisionsPublishedFigures(String preset, long params, double gflops) {
        LayerCost t = BuiltModel.of(preset).totals();
        assertEquals(params, t.params());
        assertEquals(gflops, Math.round(t.multAdds() / 1e7) / 100.0, 1e-9);
    }

    /**
     * ResNeXt paper, Tables 1 and 2: the templates C×d = 1×64, 2×40, 4×24, 8×14 and 32×4 are chosen to keep
     * ResNet-50's complexity, 4.1 G FLOPs (ResNet-50) to 4.2 G (ResNeXt-50 32×4d) and 25.0 M to 25.5 M params.
     * torchvision (and so this family) strides the 3×3 rather than the first 1×1 ("ResNet v1.5"), which adds up to
     * 0.1 G; hence 4.15 G ± 0.15 G, and 25.25 M ± 3 %.
     */
    @ParameterizedTest
    @CsvSource({"1, 64", "2, 40", "4, 24", "8, 14", "32, 4"})
    void resnextTemplatesKeepTheComplexityOfResNet50(int c, int d) {
        LayerCost t = BuiltModel.of("resnet50", "cardinality=" + c, "bottleneck_width=" + d).totals();
        assertEquals(4.15e9, t.multAdds(), 0.15e9, c + "×" + d + "d mult-adds");
        assertEquals(25.25e6, t.params(), 0.03 * 25.25e6, c + "×" + d + "d params");
    }

    /** A bottleneck's grouped 3×3 has C groups of d·(planes/64) channels: stage 3 of 32×4d is 32 × 16 = 512 wide. */
    @Test
    void cardinalityAndWidthShapeTheGroupedConvolution() {
        BuiltModel m = BuiltModel.of("resnext50_32x4d");
        assertEquals("3×3, 512, g=32", m.layer("layer3.0.conv2").op().attributesSummary().replace("/2", ""));
        assertEquals(512, m.shape("layer3.0.conv2").c());
        assertEquals("layer3.0", m.layer("layer3.0.conv2").block());
    }

    @Test
    void everyLayerBetweenStemAndHeadIsInABottleneck() {
        BuiltModel m = BuiltModel.of("resnet152");
        int from = m.net().indexOf("maxpool");
        int to = m.net().indexOf("avgpool");
        for (int i = from + 1; i < to; i++) {
            assertTrue(m.net().layer(i).block().matches("layer[1-4]\\.\\d+"), m.net().layer(i).name());
        }
        assertEquals(3 + 8 + 36 + 3, m.net().layers().stream().map(l -> l.block()).filter(b -> !b.isEmpty())
                .distinct().count(), "ResNet-152 has 3, 8, 36 and 3 bottlenecks per stage");
    }

    @Test
    void impossibleKnobsNameTheKnob() {
        BuiltModel.assertCombinationError("resnet18", "cardinality", "cardinality=32");
        BuiltModel.assertCombinationError("resnet34", "bottleneck_width", "bottleneck_width=4");
        BuiltModel.assertKnobError("resnet50", "depth", "51");
        BuiltModel.assertKnobError("resnet50", "cardinality", "0");
        BuiltModel.assertKnobError("resnet50", "bottleneck_width", "-1");
        BuiltModel.assertKnobError("resnet50", "resolution", "big");
    }
}
