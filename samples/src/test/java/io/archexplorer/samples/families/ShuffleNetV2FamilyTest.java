package io.archexplorer.samples.families;

import static io.archexplorer.samples.families.CompactNets.MILLION;
import static io.archexplorer.samples.families.CompactNets.build;
import static io.archexplorer.samples.families.CompactNets.count;
import static io.archexplorer.samples.families.CompactNets.totals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Net;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ShuffleNet V2 against Ma et al. 2018; the four presets are matched exactly against PyTorch in
 * {@code PyTorchExactMatchTest}.
 */
class ShuffleNetV2FamilyTest {

    /**
     * Table 5: FLOPs 41 / 146 / 299 / 591 M and params 1.4 / 2.3 / 3.5 / 7.4 M. torchvision's conv + fc mult-adds
     * are 0.75–1.3 % lower than the paper's, which does not say what else it counts (pooling, batchnorm), so
     * mult-adds are checked to 1.5 % and params to half the printed unit (±0.05 M).
     */
    @ParameterizedTest(name = "{0}×: {1} MFLOPs, {2} M params")
    @CsvSource({"0.5, 41, 1.4", "1.0, 146, 2.3", "1.5, 299, 3.5", "2.0, 591, 7.4"})
    void widthsMatchTable5(String width, double mflops, double paramsM) {
        LayerCost t = totals("shufflenet_v2", "width", width);
        assertEquals(mflops, t.multAdds() / MILLION, mflops * 0.015, "mult-adds (M)");
        assertEquals(paramsM * MILLION, t.params(), 0.05 * MILLION, "params");
    }

    /**
     * torchvision's fx trace of shufflenet_v2_x1_0: 56 conv + BN, 37 ReLU, 16 concatenations and shuffles, and a
     * channel split (chunk, two slices here) in the 13 units of stride 1.
     */
    @Test
    void layerCountsMatchTorchvisionTrace() {
        Net net = build("shufflenet_v2_x1_0");
        assertEquals(56, count(net, "conv"));
        assertEquals(56, count(net, "batchnorm"));
        assertEquals(37, count(net, "relu"));
        assertEquals(16, count(net, "concat"));
        assertEquals(16, count(net, "shuffle"));
        assertEquals(2 * 13, count(net, "slice"));
    }

    @Test
    void multAddsGrowWithTheSquareOfTheResolution() {
        long fc = 1024 * 1000 + 1000;
        long at224 = totals("shufflenet_v2").multAdds() - fc;
        long at448 = totals("shufflenet_v2", "resolution", "448").multAdds() - fc;
        assertEquals(4 * at224, at448);
    }

    @Test
    void everyLayerOfTheStagesIsInAUnit() {
        Net net = build("shufflenet_v2");
        assertEquals(16, net.layers().stream().map(l -> l.block()).filter(b -> !b.isEmpty()).distinct().count());
        CompactNets.assertLayersInBlocksBetween(net, "maxpool", "conv5");
    }

    @Test
    void badKnobValuesAreRejected() {
        CompactNets.assertKnobRejected("shufflenet_v2", "width", "0.75");
        CompactNets.assertKnobRejected("shufflenet_v2", "resolution", "abc");
    }
}
