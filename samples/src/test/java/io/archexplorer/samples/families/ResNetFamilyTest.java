package io.archexplorer.samples.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Shape;
import java.util.List;
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
        BuiltModel.assertKnobError("resnet50", "blocks", "3,0,6,3");
        BuiltModel.assertKnobError("resnet50", "blocks", "3,4,6,3,2");
        BuiltModel.assertCombinationError("preact_resnet164", "blocks", "blocks=18,18,18,18");
        BuiltModel.assertKnobError("resnet50", "se_ratio", "512");
        BuiltModel.assertKnobError("resnet18", "se_ratio", "128");
        BuiltModel.assertKnobError("preact_resnet164", "se_ratio", "128");
        BuiltModel.assertKnobError("resnet50", "dataset", "mnist");
        BuiltModel.assertCombinationError("resnet50", "depth", "depth=164");
        BuiltModel.assertCombinationError("resnet50", "depth", "dataset=cifar");
    }

    /**
     * Hu et al. 2018 (journal version, arXiv 1709.01507v4), Table 10, SE-ResNet-50 at reduction ratios r = 2, 4, 8,
     * 16, 32: 45.7 M, 35.7 M, 30.7 M, 28.1 M and 26.9 M params (ResNet-50: 25.6 M). Ours at r = 2 and 16 round to the
     * paper's; at r = 4, 8 and 32 the paper is 0.06–0.10 M above ours (35.64 M, 30.60 M, 26.83 M): each SE block here
     * has exactly C·C/r·2 + C/r + C params (its two fc layers with biases), which timm's seresnet50 confirms at r = 16
     * (PyTorchExactMatchTest), so the tolerance is 0.1 M.
     */
    @ParameterizedTest
    @CsvSource({"2, 45.7", "4, 35.7", "8, 30.7", "16, 28.1", "32, 26.9"})
    void seResNet50ParamsFollowTheReductionRatioTable(int r, double paperMillions) {
        long params = BuiltModel.of("resnet50", "se_ratio=" + r).totals().params();
        assertEquals(paperMillions * 1e6, params, 0.1e6, "r = " + r);
        assertEquals(25_557_032 + seParams(new int[] {3, 4, 6, 3}, 4, r), params, "hand count, r = " + r);
    }

    /** The params of the SE blocks of a ResNet with these blocks per stage: two fc layers with biases each. */
    private static long seParams(int[] blocks, int expansion, int r) {
        long sum = 0;
        for (int stage = 0; stage < blocks.length; stage++) {
            long c = 64L * expansion << stage;
            sum += blocks[stage] * (2 * c * (c / r) + c / r + c);
        }
        return sum;
    }

    /**
     * {@code depth=101 se_ratio=16} is SE-ResNet-101: torchvision's ResNet-101 (44,549,160) plus its SE blocks, 49.33 M
     * as timm's seresnet101; the SE blocks' fc layers add mult-adds equal to their params, as 1×1 convolutions on a
     * 1×1 map.
     */
    @Test
    void seResNet101IsResNet101WithSeBlocks() {
        LayerCost se = BuiltModel.of("resnet50", "depth=101", "se_ratio=16").totals();
        long seBlocks = seParams(new int[] {3, 4, 23, 3}, 4, 16);
        assertEquals(44_549_160 + seBlocks, se.params());
        assertEquals(49.33e6, se.params(), 0.005e6);
        assertEquals(BuiltModel.of("resnet101").totals().multAdds() + seBlocks, se.multAdds());
    }

    /**
     * {@code preact=on depth=101} is timm's resnetv2_101: the same convolutions as ResNet-101 (so its mult-adds,
     * torchvision's 7.80 G), and the params of timm's resnetv2_50 (25,549,352, timm-figures.json) plus 17 more
     * layer3 blocks of 1,117,184 each (1×1 1024→256, 3×3 256→256, 1×1 256→1024, batchnorms of 1024, 256, 256).
     */
    @Test
    void preactDepth101IsTimmsResNetV2_101() {
        LayerCost v2 = BuiltModel.of("preact_resnet50", "depth=101").totals();
        assertEquals(25_549_352 + 17 * (1024 * 256 + 256 * 256 * 9 + 256 * 1024 + 2 * (1024 + 256 + 256)), v2.params());
        assertEquals(7.80, Math.round(v2.multAdds() / 1e7) / 100.0, 1e-9);
    }

    /**
     * He et al. 2016 ("Identity Mappings"), Table 3/4: ResNet-164 has 1.7 M and ResNet-1001 10.2 M params, which are
     * ours without batchnorm γ/β rounded (1,679,034 and 10,178,490); with them, 1,703,258 and 10,327,706, counted
     * by hand: the 3×3 stem (432), three stages of n = 18 or 111 bottlenecks (16, 32, 64 planes), the final batchnorm
     * (512) and the 10-way fc (2,570).
     */
    @ParameterizedTest
    @CsvSource({"preact_resnet164, 18, 1.7", "preact_resnet1001, 111, 10.2"})
    void cifarPreactNetsHaveThePapersParams(String preset, int n, double paperMillions) {
        BuiltModel m = BuiltModel.of(preset);
        assertEquals(paperMillions, Math.round(m.totals().paramsExcludingBatchNorm() / 1e5) / 10.0, 1e-9);
        long params = 432 + 512 + 2570;
        int in = 16;
        for (int planes : new int[] {16, 32, 64}) {
            for (int i = 0; i < n; i++) {
                int c = i == 0 ? in : planes * 4;
                params += 2L * c + (long) c * planes + 2 * planes + 9L * planes * planes + 2 * planes
                        + 4L * planes * planes + (i == 0 ? (long) in * planes * 4 : 0);
            }
            in = planes * 4;
        }
        assertEquals(params, m.totals().params());
        assertEquals(Shape.of(1, 256, 8, 8), m.shape("final_relu"));
        assertEquals(10, m.shape("flatten").c());
        assertEquals(3 * n, m.net().layers().stream().map(l -> l.block()).filter(b -> !b.isEmpty()).distinct()
                .count(), "n blocks in each of three stages");
    }

    /** Pre-activation: a block starts with batchnorm–ReLU, its projection reads that, and nothing follows the add. */
    @Test
    void preactBlocksNormalizeFirst() {
        BuiltModel m = BuiltModel.of("preact_resnet50");
        assertEquals(List.of("layer2.0.preact_relu"), m.layer("layer2.0.downsample").inputs());
        assertEquals(List.of("layer2.0.preact_relu"), m.layer("layer2.0.conv1").inputs());
        assertEquals(List.of("layer2.0.add"), m.layer("layer2.1.preact_bn").inputs());
        assertEquals(0, m.count("batchnorm") - (16 * 3 + 1), "three batchnorms a block and the final one");
    }

    /** blocks overrides depth's blocks per stage, and depth still picks basic blocks or bottlenecks. */
    @Test
    void blocksOverrideDepth() {
        assertEquals(BuiltModel.of("resnet34").totals(), BuiltModel.of("resnet18", "blocks=3,4,6,3").totals());
        assertEquals(BuiltModel.of("resnet101").totals(), BuiltModel.of("resnet50", "blocks=3,4,23,3").totals());
        BuiltModel twoStages = BuiltModel.of("resnet50", "blocks=2,2");
        assertEquals(512, twoStages.shape("flatten").c());
    }
}
