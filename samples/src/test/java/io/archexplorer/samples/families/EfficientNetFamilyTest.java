package io.archexplorer.samples.families;

import static io.archexplorer.samples.families.CompactNets.MILLION;
import static io.archexplorer.samples.families.CompactNets.build;
import static io.archexplorer.samples.families.CompactNets.count;
import static io.archexplorer.samples.families.CompactNets.totals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Net;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EfficientNet presets and knobs against torchvision's published figures and the paper; B0 itself is matched layer
 * by layer against PyTorch in {@code PyTorchExactMatchTest}.
 */
class EfficientNetFamilyTest {
    private static final double BILLION = 1e9;

    /**
     * torchvision's model documentation, {@code EfficientNet_B<i>_Weights.IMAGENET1K_V1}: {@code num_params} exactly
     * and {@code GFLOPS} (our mult-adds) to its two decimals, at the weights' crop size (B2's weights are evaluated
     * at 288 px, not the paper's 260 that the preset uses).
     */
    @ParameterizedTest(name = "B{0} at {1} px: {2} params, {3} GFLOPS")
    @CsvSource({"1, 240, 7794184, 0.69", "2, 288, 9109994, 1.09", "3, 300, 12233232, 1.83",
            "4, 380, 19341616, 4.39", "5, 456, 30389784, 10.27", "6, 528, 43040704, 19.07",
            "7, 600, 66347960, 37.75"})
    void scaledPresetsMatchTorchvisionsDocumentation(int b, String resolution, long params, double gflops) {
        LayerCost t = totals("efficientnet_b" + b, "resolution", resolution);
        assertEquals(params, t.params(), "params");
        assertEquals(gflops, t.multAdds() / BILLION, 0.005, "GFLOPS");
    }

    /**
     * Tan &amp; Le 2019, Table 2 (params in millions, FLOPs in billions), within the printed rounding where it
     * holds. Where it does not, the tolerance is the measured gap (torchvision's nets, which we follow and match
     * exactly, are what the gap is between): B1 0.687 B FLOPs (printed 0.70), B2 9.11 M params (9.2), B4 4.39 B (4.2),
     * B5 10.27 B (9.9), B7 37.75 B (37).
     */
    @ParameterizedTest(name = "B{0}: {1} M params ± {2}, {3} B FLOPs ± {4}")
    @CsvSource({"0, 5.3, 0.05, 0.39, 0.005", "1, 7.8, 0.05, 0.70, 0.014", "2, 9.2, 0.1, 1.0, 0.05",
            "3, 12, 0.5, 1.8, 0.05", "4, 19, 0.5, 4.2, 0.2", "5, 30, 0.5, 9.9, 0.37", "6, 43, 0.5, 19, 0.5",
            "7, 66, 0.5, 37, 0.75"})
    void presetsMatchPaperTable2(int b, double paramsM, double paramsTolerance, double flopsB,
                                 double flopsTolerance) {
        LayerCost t = totals("efficientnet_b" + b);
        assertEquals(paramsM, t.params() / MILLION, paramsTolerance, "params (M)");
        assertEquals(flopsB, t.multAdds() / BILLION, flopsTolerance, "FLOPs (B)");
    }

    /**
     * φ = 2 on B0: depth 1.44, width 1.21 and 296 px (224 · 1.3225). Width 1.21 rounds every channel count as 1.2
     * does and ⌈n · 1.44⌉ = ⌈n · 1.4⌉ for Table 1's repeats, so the net has torchvision's B3 params exactly; FLOPs
     * grow about 2^φ = 4 times (the paper's α · β² · γ² ≈ 2 per step).
     */
    @Test
    void compoundCoefficientScalesDepthWidthAndResolution() {
        Net net = build("efficientnet_b0", "phi", "2");
        assertEquals(296, net.inputShape().dims()[2]);
        LayerCost t = totals("efficientnet_b0", "phi", "2");
        assertEquals(12233232, t.params());
        double ratio = (double) t.multAdds() / totals("efficientnet_b0").multAdds();
        assertTrue(ratio > 4 && ratio < 5, "FLOPs ratio " + ratio);
    }

    /** Table 1's 16 MBConv blocks (1+2+2+3+3+4+1), named blocks.<stage>.<repeat>, each with SE. */
    @Test
    void b0HasTable1sBlocks() {
        Net net = build("efficientnet_b0");
        assertEquals(16, count(net, "channel_mul"));
        assertTrue(net.indexOf("blocks.2.1.project") >= 0);
        assertTrue(net.indexOf("blocks.6.0.project") >= 0);
        assertEquals(1280, net.outputShape(net.indexOf("head")).dims()[1]);
        CompactNets.assertLayersInBlocksBetween(net, "stem_swish", "head");
        assertEquals(0, count(build("efficientnet_b0", "se_ratio", "0"), "channel_mul"));
    }

    /** Figure 3's single-dimension scaling: depth_mult 2 doubles every stage's repeats (⌈2n⌉ = 2n), 32 blocks. */
    @Test
    void depthMultiplierAloneRepeatsBlocks() {
        assertEquals(32, count(build("efficientnet", "depth_mult", "2"), "channel_mul"));
        assertEquals(224, build("efficientnet", "depth_mult", "2").inputShape().dims()[2]);
    }

    @Test
    void impossibleKnobsNameTheKnob() {
        CompactNets.assertKnobRejected("efficientnet", "phi", "-1");
        CompactNets.assertKnobRejected("efficientnet", "width_mult", "0");
        CompactNets.assertKnobRejected("efficientnet", "se_ratio", "1.5");
    }
}
