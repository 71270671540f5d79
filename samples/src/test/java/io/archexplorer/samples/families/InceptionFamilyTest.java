package io.archexplorer.samples.families;

import static io.archexplorer.samples.families.BuiltModel.assertCombinationError;
import static io.archexplorer.samples.families.BuiltModel.assertKnobError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.samples.knobs.KnobException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Inception family against its papers' figures and tables (torchvision's and timm's figures for v3, v4 and
 * Inception-ResNet-v2 are checked layer by layer in PyTorchExactMatchTest).
 */
class InceptionFamilyTest {

    /**
     * BN-Inception, Ioffe &amp; Szegedy 2015, Figure 5, column "output size" (the stride-2 modules 3c and 4e are listed
     * there at their input's side). The table's column says 576 for 4c and 4d and 1024 for 4e, where its own branch
     * widths add up to 160 + 160 + 160 + 128 = 608, 96 + 192 + 192 + 128 = 608 and 192 + 256 + 608 = 1056: the branch
     * widths are what the released model has, so they are asserted here.
     */
    @ParameterizedTest
    @CsvSource({
        "inception_3a, 256, 28", "inception_3b, 320, 28", "inception_3c, 576, 14", "inception_4a, 576, 14",
        "inception_4b, 576, 14", "inception_4c, 608, 14", "inception_4d, 608, 14", "inception_4e, 1056, 7",
        "inception_5a, 1024, 7", "inception_5b, 1024, 7"})
    void bnInceptionFollowsFigure5(String module, int channels, int side) {
        assertEquals(Shape.of(1, channels, side, side), BuiltModel.of("inception_v2").shape(module + ".concat"));
    }

    /**
     * SENet (Hu et al. 2018), Table 2: BN-Inception 2.03 GFLOPs at 224×224, and SE-BN-Inception (r = 16) 2.04, an
     * increase of under 0.5 % (its fc layers work on 1×1 maps).
     */
    @Test
    void bnInceptionCostsWhatSeNetsTable2Says() {
        long plain = BuiltModel.of("inception_v2").totals().multAdds();
        long se = BuiltModel.of("inception_v2", "se_ratio=16").totals().multAdds();
        assertEquals(2.03, plain / 1e9, 0.005);
        assertTrue(se > plain && se < plain * 1.005, plain + " → " + se);
    }

    /** Inception-v4 paper, Figures 3–9: 35×35×384 after the stem, 17×17×1024 after Reduction-A, 8×8×1536 after B. */
    @ParameterizedTest
    @CsvSource({
        "stem.mixed_5a, 384, 35", "inception_a4.concat, 384, 35", "reduction_a.concat, 1024, 17",
        "inception_b7.concat, 1024, 17", "reduction_b.concat, 1536, 8", "inception_c3.concat, 1536, 8"})
    void inceptionV4FollowsFigure9(String layer, int channels, int side) {
        assertEquals(Shape.of(1, channels, side, side), BuiltModel.of("inception_v4").shape(layer));
    }

    /**
     * Inception-ResNet-v1, Figures 14 (stem: 35×35×256), 7 with Table 1's k, l, m, n = 192, 192, 256, 384
     * (256 + 256 + 384 = 896 at 17×17) and 12 (896 + 384 + 256 + 256 = 1792 at 8×8).
     */
    @ParameterizedTest
    @CsvSource({
        "stem.conv2d_4b_relu, 256, 35", "block35_5.relu, 256, 35", "reduction_a.concat, 896, 17",
        "block17_10.relu, 896, 17", "reduction_b.concat, 1792, 8", "block8_5.add, 1792, 8"})
    void inceptionResNetV1FollowsFigures7To15(String layer, int channels, int side) {
        assertEquals(Shape.of(1, channels, side, side), BuiltModel.of("inception_resnet_v1").shape(layer));
    }

    /** Table 1's k, l, m, n set Reduction-A's filters: its 1×1, 3×3 and 3×3/2 on one branch, its 3×3/2 on the other. */
    @Test
    void reductionAHasTable1sFilters() {
        BuiltModel m = BuiltModel.of("inception_v4", "reduction_a=100,110,120,130");
        assertEquals(130, conv(m, "reduction_a.branch1").outChannels());
        assertEquals(List.of(100, 110, 120), List.of(conv(m, "reduction_a.branch2_1").outChannels(),
                conv(m, "reduction_a.branch2_2").outChannels(), conv(m, "reduction_a.branch2_3").outChannels()));
        assertEquals(130 + 120 + 384, m.shape("reduction_a.concat").c(), "n + m + the pooled input");
    }

    /** The blocks are named after the paper, one per module, so the window collapses each into one box. */
    @Test
    void modulesAreBlocksNamedAfterThePaper() {
        Set<String> blocks = new LinkedHashSet<>();
        for (Layer l : BuiltModel.of("inception_v4").net().layers()) {
            if (!l.block().isEmpty()) {
                blocks.add(l.block().split("\\.")[0]);
            }
        }
        assertEquals(List.of("stem", "inception_a1", "inception_a2", "inception_a3", "inception_a4", "reduction_a",
                "inception_b1", "inception_b2", "inception_b3", "inception_b4", "inception_b5", "inception_b6",
                "inception_b7", "reduction_b", "inception_c1", "inception_c2", "inception_c3"), List.copyOf(blocks));
        assertEquals(10 + 1 + 20 + 1 + 10, BuiltModel.of("inception_resnet_v2").net().layers().stream()
                .map(Layer::block).filter(b -> b.matches("block(35|17|8)_\\d+|reduction_[ab]")).distinct().count());
    }

    /**
     * Each stage has as many modules as {@code blocks} says, and a module adds its own cost: one more Inception-v4
     * A module at 35×35 costs exactly what inception_a2 (same input width) costs.
     */
    @Test
    void blocksSetTheModulesPerStage() {
        BuiltModel v4 = BuiltModel.of("inception_v4");
        BuiltModel more = BuiltModel.of("inception_v4", "blocks=5,7,3");
        assertEquals(v4.totals().params() + v4.blockCost("inception_a2").params(), more.totals().params());
        assertEquals(v4.totals().multAdds() + v4.blockCost("inception_a2").multAdds(), more.totals().multAdds());
        assertTrue(more.has("inception_a5.concat"));
    }

    /**
     * factorize=off puts one 7×7 in the place of a 1×7 and a 7×1: Inception-v3's inception_b1 (c7 = 128) has a 7×7
     * from 128 to 192, 128·192·49 weights, where the factorized pair has 128·128·7 + 128·192·7.
     */
    @Test
    void factorizeOffUsesWholeSevenBySevens() {
        BuiltModel whole = BuiltModel.of("inception_v3", "factorize=off");
        Conv c = conv(whole, "inception_b1.branch2_2");
        assertEquals(List.of(7, 7, 192), List.of(c.kernelH(), c.kernelW(), c.outChannels()));
        // Weights and batchnorm (2 per channel) of the convolutions that differ.
        long branch2 = 128L * 192 * 49 + 2 * 192 - (128L * 128 * 7 + 2 * 128 + 128L * 192 * 7 + 2 * 192);
        long branch3 = 128L * 128 * 49 + 2 * 128 + 128L * 192 * 49 + 2 * 192
                - (3 * (128L * 128 * 7 + 2 * 128) + 128L * 192 * 7 + 2 * 192);
        assertEquals(branch2 + branch3, whole.blockCost("inception_b1").params()
                - BuiltModel.of("inception_v3").blockCost("inception_b1").params());
    }

    /**
     * The residual scale changes what the net computes, never what it costs: the scaling layers hold the given
     * factors (the last C module of TF-slim's layout unscaled), and params, mult-adds and MAC stay the same.
     */
    @Test
    void residualScaleHasNoCostEffect() {
        BuiltModel reference = BuiltModel.of("inception_resnet_v2");
        BuiltModel scaled = BuiltModel.of("inception_resnet_v2", "residual_scale=30,30,30");
        assertEquals(0.17, factor(reference, "block35_1.scale"), 1e-12);
        assertEquals(0.10, factor(reference, "block17_20.scale"), 1e-12);
        assertEquals(0.20, factor(reference, "block8_9.scale"), 1e-12);
        assertEquals(1.0, factor(reference, "block8_10.scale"), 1e-12);
        assertFalse(reference.has("block8_10.relu"), "the last module has no ReLU");
        assertEquals(0.30, factor(scaled, "block17_1.scale"), 1e-12);
        assertEquals(reference.totals().params(), scaled.totals().params());
        assertEquals(reference.totals().multAdds(), scaled.totals().multAdds());
        assertEquals(reference.totals().mac(), scaled.totals().mac());
    }

    /**
     * se_ratio r puts SENet's block (two 1×1 layers with bias through C/r channels) on each Inception module's output
     * and, in the Inception-ResNets, on each residual branch before the scaling and the sum (SENet's Figure 3).
     * Inception-v4's inception_a1 (C = 384, r = 16: 24): 384·24 + 24 + 24·384 + 384 = 18,840 params.
     */
    @Test
    void seRatioAddsSqueezeExcitation() {
        BuiltModel se = BuiltModel.of("inception_v4", "se_ratio=16");
        assertEquals(18_840, se.blockCost("inception_a1.se").params());
        assertEquals(Shape.of(1, 24, 1, 1), se.shape("inception_a1.se.fc1"));
        BuiltModel seResNet = BuiltModel.of("inception_resnet_v2", "se_ratio=16");
        assertEquals(List.of("block35_1.se.scale"), seResNet.layer("block35_1.scale").inputs());
        assertEquals(List.of("block35_1.conv2d", "block35_1.se.fc2_sigmoid"),
                seResNet.layer("block35_1.se.scale").inputs());
        assertFalse(seResNet.has("reduction_a.se.scale"), "SE-ResNet puts SE on residual modules only");
    }

    @Test
    void impossibleKnobsNameTheKnob() {
        assertKnobError("inception_v4", "blocks", "4,0,3");
        assertKnobError("inception_v4", "blocks", "4,7");
        assertKnobError("inception_v4", "reduction_a", "192,224,256");
        assertKnobError("inception_resnet_v2", "residual_scale", "17,10");
        assertKnobError("inception_v4", "version", "v5");
        KnobException se = assertKnobError("inception_resnet_v2", "se_ratio", "321");
        assertTrue(se.getMessage().contains("at most 320"), se.getMessage());
        KnobException small = assertKnobError("inception_v4", "resolution", "74");
        assertTrue(small.getMessage().endsWith("Inception-v4 needs at least 75 px"), small.getMessage());
    }

    /**
     * The smallest resolution the error names is right for every version and the knobs that change the feature
     * maps' path: the net builds there and not one pixel below, nor at any side below that.
     */
    @ParameterizedTest
    @CsvSource({
        "inception_v2, ''", "inception_v3, ''", "inception_v3, factorize=off", "inception_v4, ''",
        "inception_v4, se_ratio=16", "inception_resnet_v1, ''", "inception_resnet_v2, ''",
        "inception_resnet_v2, blocks=1;1;1", "inception_resnet_v2, factorize=off"})
    void theMinimumResolutionIsExact(String preset, String knobs) {
        String[] extra = knobs.isEmpty() ? new String[0] : knobs.replace(';', ',').split(" ");
        int minimum = minimumBySearch(preset, extra);
        if (minimum == 8) {
            return;  // the knob's own lower bound: nothing below it to check
        }
        KnobException e = assertCombinationError(preset, "resolution", with(extra, "resolution=" + (minimum - 1)));
        assertTrue(e.getMessage().endsWith("needs at least " + minimum + " px"), e.getMessage());
        for (int side = 8; side < minimum; side += 7) {
            assertCombinationError(preset, "resolution", with(extra, "resolution=" + side));
        }
    }

    /** The smallest side in 8..400 at which the net builds, by trying each. */
    private static int minimumBySearch(String preset, String[] extra) {
        for (int side = 8; side <= 400; side++) {
            try {
                BuiltModel.of(preset, with(extra, "resolution=" + side));
                return side;
            } catch (KnobException tooSmall) {
                // the next side
            }
        }
        throw new AssertionError(preset + " builds at no side up to 400");
    }

    private static String[] with(String[] extra, String assignment) {
        String[] all = java.util.Arrays.copyOf(extra, extra.length + 1);
        all[extra.length] = assignment;
        return all;
    }

    private static Conv conv(BuiltModel m, String name) {
        return assertInstanceOf(Conv.class, m.layer(name).op());
    }

    private static double factor(BuiltModel m, String name) {
        return assertInstanceOf(ScalarMultiply.class, m.layer(name).op()).factor();
    }
}
