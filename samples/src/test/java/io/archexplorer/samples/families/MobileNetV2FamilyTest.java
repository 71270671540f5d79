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
 * MobileNetV2 knobs against published figures; the 1.0-224 preset itself is matched exactly against PyTorch in
 * {@code PyTorchExactMatchTest}.
 */
class MobileNetV2FamilyTest {

    /**
     * TensorFlow-Slim's checkpoint table (tensorflow/models, research/slim/nets/mobilenet/README.md), which uses the
     * same make-divisible widths. It prints MACs to the million and params to 0.01 M; its params leave out the
     * batchnorms and its classifier has 1001 outputs (+1281 params, +1281 MACs), so the tolerances are 1 M MACs and
     * 0.01 M params.
     */
    @ParameterizedTest(name = "α = {0}, ρ = {1}: {2} M MACs, {3} M params")
    @CsvSource({"1.4, 224, 582, 6.06", "1.0, 224, 300, 3.47", "0.75, 224, 209, 2.61", "0.5, 224, 97, 1.95",
            "0.35, 224, 59, 1.66", "1.0, 160, 154, 3.47", "1.0, 96, 56, 3.47", "0.5, 128, 32, 1.95"})
    void widthAndResolutionMatchTensorFlowSlim(String alpha, String resolution, double macsM, double paramsM) {
        LayerCost t = totals("mobilenet_v2", "width", alpha, "resolution", resolution);
        assertEquals(macsM, t.multAdds() / MILLION, 1.0, "mult-adds (M)");
        assertEquals(paramsM, t.paramsExcludingBatchNorm() / MILLION, 0.01, "params without batchnorm (M)");
    }

    /** Sandler et al. 2018, Table 4: MobileNetV2 (1.4) has 585 M mult-adds; checked to 1 % (the paper rounds). */
    @Test
    void widestModelMatchesPaperTable4() {
        assertEquals(585, totals("mobilenet_v2", "width", "1.4").multAdds() / MILLION, 585 * 0.01);
    }

    /** torchvision's fx trace of mobilenet_v2: 10 residual adds, 52 conv + BN, 35 ReLU6, 1 dropout. */
    @Test
    void layerCountsMatchTorchvisionTrace() {
        Net net = build("mobilenet_v2");
        assertEquals(10, count(net, "add"));
        assertEquals(52, count(net, "conv"));
        assertEquals(52, count(net, "batchnorm"));
        assertEquals(35, count(net, "relu6"));
        assertEquals(1, count(net, "dropout"));
    }

    @Test
    void everyInvertedResidualIsABlock() {
        Net net = build("mobilenet_v2");
        assertEquals(17, net.layers().stream().map(l -> l.block()).filter(b -> !b.isEmpty()).distinct().count());
        CompactNets.assertLayersInBlocksBetween(net, "conv1_relu6", "conv_last");
    }

    @Test
    void expansionWidensEveryBlockButTheFirst() {
        Net net = build("mobilenet_v2", "expansion", "4");
        assertEquals(-1, net.indexOf("block1.expand"), "the first block keeps t = 1");
        assertEquals(16 * 4, net.outputShape(net.indexOf("block2.expand")).c(), "t × block1's 16 channels");
        Net noExpansion = build("mobilenet_v2", "expansion", "1");
        assertEquals(0, noExpansion.layers().stream().filter(l -> l.name().endsWith(".expand")).count(),
                "t = 1 has no expansion convolution");
        assertTrue(totals("mobilenet_v2", "expansion", "4").multAdds() < totals("mobilenet_v2").multAdds());
        assertTrue(totals("mobilenet_v2", "expansion", "8").multAdds() > totals("mobilenet_v2").multAdds());
    }

    @Test
    void lastConvolutionKeeps1280ChannelsBelowWidthOne() {
        Net thin = build("mobilenet_v2", "width", "0.5");
        assertEquals(1280, thin.outputShape(thin.indexOf("conv_last")).c());
        Net wide = build("mobilenet_v2", "width", "1.4");
        assertEquals(1792, wide.outputShape(wide.indexOf("conv_last")).c(), "1280 · 1.4");
    }

    @Test
    void badKnobValuesAreRejected() {
        CompactNets.assertKnobRejected("mobilenet_v2", "width", "0");
        CompactNets.assertKnobRejected("mobilenet_v2", "width", "3");
        CompactNets.assertKnobRejected("mobilenet_v2", "expansion", "0");
        CompactNets.assertKnobRejected("mobilenet_v2", "expansion", "2.5");
        CompactNets.assertKnobRejected("mobilenet_v2", "resolution", "99999");
    }
}
