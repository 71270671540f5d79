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
 * MobileNetV3 knobs against the paper and hand counts; the two 1.0-224 presets themselves are matched exactly
 * against PyTorch in {@code PyTorchExactMatchTest}.
 */
class MobileNetV3FamilyTest {

    /**
     * Howard et al. 2019, Table 3 (MAdds in millions, params in millions). At α = 1 torchvision's nets, which we
     * follow, come within 1.2 % of the paper's MAdds (Large: 216.6 M against 219 M) and 0.08 M of its params. At
     * α = 0.75 they are 10–11 % lighter in MAdds and 15–17 % in params, because torchvision scales the classifier's
     * hidden layer (1280 → 960, 1024 → 768) and the last convolution with α, which the paper's TensorFlow models
     * keep at full width; the tolerances are those measured gaps, rounded up, so that a change of either shows.
     */
    @ParameterizedTest(name = "{0} α = {1}: {2} M MAdds ± {3}, {4} M params ± {5}")
    @CsvSource({"large, 1.0, 219, 2.5, 5.4, 0.09", "small, 1.0, 56, 0.6, 2.5, 0.05",
            "large, 0.75, 155, 15.5, 4.0, 0.63", "small, 0.75, 44, 5.0, 2.0, 0.35"})
    void matchesPaperTable3(String size, String alpha, double multAddsM, double multAddsTolerance, double paramsM,
                            double paramsTolerance) {
        LayerCost t = totals("mobilenet_v3", "size", size, "width", alpha);
        assertEquals(multAddsM, t.multAdds() / MILLION, multAddsTolerance, "MAdds (M)");
        assertEquals(paramsM, t.params() / MILLION, paramsTolerance, "params (M)");
    }

    /**
     * Hand count of torchvision's Large: hard-swish in the stem, twice in each of the nine HS blocks, in the last
     * convolution and the classifier (21); ReLU once in the first block (no expansion), twice in the five others
     * and once in each of the eight SE blocks' squeeze (19); eight hard-sigmoid gates.
     */
    @Test
    void largeHasThePapersActivations() {
        Net net = build("mobilenet_v3_large");
        assertEquals(21, count(net, "hard_swish"));
        assertEquals(19, count(net, "relu"));
        assertEquals(8, count(net, "hard_sigmoid"));
        Net relu = build("mobilenet_v3_large", "activation", "relu");
        assertEquals(0, count(relu, "hard_swish"));
        assertEquals(40, count(relu, "relu"));
    }

    @Test
    void seOffRemovesEveryGate() {
        Net net = build("mobilenet_v3_small", "se", "off");
        assertEquals(0, count(net, "hard_sigmoid"));
        assertEquals(0, count(net, "channel_mul"));
        assertTrue(totals("mobilenet_v3_small", "se", "off").params() < totals("mobilenet_v3_small").params());
    }

    /**
     * torchvision's reduced tail halves the last stage (Large: 160 → 80 outputs, 960 → 480 expansion) and the
     * hidden layer (1280 → 640); the last convolution is 6 × 80.
     */
    @Test
    void reducedTailHalvesTheLastStage() {
        Net net = build("mobilenet_v3_large", "reduced_tail", "on");
        assertEquals(80, channels(net, "features.13.project"));
        assertEquals(480, channels(net, "features.14.expand"));
        assertEquals(480, channels(net, "features.16.conv"));
        assertEquals(640, channels(net, "classifier.fc1"));
        assertEquals(672, channels(net, "features.13.expand"));
    }

    /** torchvision's {@code features.0} … {@code features.16}: the stem, 15 blocks, the last convolution. */
    @Test
    void blocksAreNamedAsTorchvisionsFeatures() {
        Net net = build("mobilenet_v3_large");
        assertEquals(16, channels(net, "features.0.conv"));
        for (int i = 1; i <= 15; i++) {
            assertTrue(net.indexOf("features." + i + ".project") >= 0, "features." + i);
        }
        assertEquals(960, channels(net, "features.16.conv"));
        CompactNets.assertLayersInBlocksBetween(net, "input", "avgpool");
    }

    @Test
    void impossibleKnobsNameTheKnob() {
        CompactNets.assertKnobRejected("mobilenet_v3", "width", "0");
        CompactNets.assertKnobRejected("mobilenet_v3", "size", "medium");
        CompactNets.assertKnobRejected("mobilenet_v3", "activation", "tanh");
    }

    static int channels(Net net, String layer) {
        int i = net.indexOf(layer);
        assertTrue(i >= 0, "no layer " + layer);
        return net.outputShape(i).dims()[1];
    }
}
