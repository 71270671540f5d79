package io.archexplorer.samples.families;

import static io.archexplorer.samples.families.CompactNets.MILLION;
import static io.archexplorer.samples.families.CompactNets.build;
import static io.archexplorer.samples.families.CompactNets.count;
import static io.archexplorer.samples.families.CompactNets.totals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.ops.Conv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ShuffleNet V1 against Zhang et al. 2018 and Megvii's official implementation. */
class ShuffleNetV1FamilyTest {

    /**
     * Tables 1 and 2: the stage widths of 1× were chosen per g so that every g costs about 140 MFLOPs (the paper's
     * FLOPs are mult-adds). The widths are whole numbers, so the cost is only held approximately: checked to 5 %.
     */
    @ParameterizedTest(name = "1×, g = {0}: ≈ 140 MFLOPs")
    @ValueSource(strings = {"1", "2", "3", "4", "8"})
    void everyGroupCountCostsAbout140MFlops(String g) {
        assertEquals(140, totals("shufflenet_v1", "groups", g).multAdds() / MILLION, 140 * 0.05);
    }

    /** Table 2 (and the text): 0.5× ≈ 38 MFLOPs, 0.25× ≈ 13 MFLOPs, printed to the million (±0.5 M). */
    @ParameterizedTest(name = "{0}×: {1} MFLOPs")
    @CsvSource({"0.5, 38", "0.25, 13"})
    void scaledNetsMatchTable2(String s, double mflops) {
        assertEquals(mflops, totals("shufflenet_v1", "width", s).multAdds() / MILLION, 0.5);
    }

    /**
     * megvii-model/ShuffleNet-Series, ShuffleNetV1/README.md: FLOPs to the million and params to 0.1 M. Its FLOPs
     * count is not defined there, so ±1 M; its fc has no bias (1000 params fewer), so params ±0.05 M + 1000.
     */
    @ParameterizedTest(name = "{0}× g = {1}: {2} MFLOPs, {3} M params")
    @CsvSource({"0.5, 3, 38, 0.7", "0.5, 8, 40, 1.0", "1.0, 3, 138, 1.9", "1.0, 8, 138, 2.4", "2.0, 3, 524, 5.4",
            "2.0, 8, 522, 6.5"})
    void matchesMegviiOfficialModels(String s, String g, double mflops, double paramsM) {
        LayerCost t = totals("shufflenet_v1", "width", s, "groups", g);
        assertEquals(mflops, t.multAdds() / MILLION, 1.0, "mult-adds (M)");
        assertEquals(paramsM * MILLION, t.params(), 0.05 * MILLION + 1000, "params");
    }

    @Test
    void stageWidthsAreThoseOfTable1() {
        Net net = build("shufflenet_v1", "groups", "8");
        assertEquals(384, net.outputShape(net.indexOf("stage2.unit4.relu")).c());
        assertEquals(768, net.outputShape(net.indexOf("stage3.unit8.relu")).c());
        assertEquals(1536, net.outputShape(net.indexOf("stage4.unit4.relu")).c());
    }

    /** Every scale and group count must round to widths whose group convolutions divide evenly. */
    @Test
    void everyScaleAndGroupCountBuilds() {
        for (String g : new String[] {"1", "2", "3", "4", "8"}) {
            for (double s = 0.25; s <= 2.0; s += 0.05) {
                build("shufflenet_v1", "groups", g, "width", Double.toString(s));
            }
        }
    }

    @Test
    void firstPointwiseOfStage2IsNotGrouped() {
        Net net = build("shufflenet_v1");
        assertEquals(1, ((Conv) net.layer(net.indexOf("stage2.unit1.gconv1")).op()).groups());
        assertEquals(3, ((Conv) net.layer(net.indexOf("stage2.unit2.gconv1")).op()).groups());
        assertEquals(3, ((Conv) net.layer(net.indexOf("stage3.unit1.gconv1")).op()).groups());
    }

    /**
     * Table 3 compares shuffle on and off at the same complexity: turning it off only removes the shuffles (which
     * move data, so only MAC and activations change).
     */
    @Test
    void shuffleAblationKeepsTheCost() {
        Net shuffled = build("shufflenet_v1");
        Net unshuffled = build("shufflenet_v1", "shuffle", "off");
        assertEquals(15, count(shuffled, "shuffle"), "every unit but stage2.unit1, whose gconv1 is not grouped");
        assertEquals(0, count(unshuffled, "shuffle"));
        LayerCost on = totals("shufflenet_v1");
        LayerCost off = totals("shufflenet_v1", "shuffle", "off");
        assertEquals(on.params(), off.params());
        assertEquals(on.multAdds(), off.multAdds());
        assertEquals(0, count(build("shufflenet_v1", "groups", "1"), "shuffle"), "one group has nothing to mix");
    }

    @Test
    void everyLayerOfTheStagesIsInAUnit() {
        Net net = build("shufflenet_v1");
        assertEquals(16, net.layers().stream().map(l -> l.block()).filter(b -> !b.isEmpty()).distinct().count());
        CompactNets.assertLayersInBlocksBetween(net, "maxpool", "avgpool");
        assertTrue(net.indexOf("stage3.unit8.add") >= 0);
    }

    @Test
    void badKnobValuesAreRejected() {
        CompactNets.assertKnobRejected("shufflenet_v1", "groups", "5");
        CompactNets.assertKnobRejected("shufflenet_v1", "width", "0.1");
        CompactNets.assertKnobRejected("shufflenet_v1", "width", "4");
        CompactNets.assertKnobRejected("shufflenet_v1", "shuffle", "sometimes");
        CompactNets.assertKnobRejected("shufflenet_v1", "resolution", "-1");
    }
}
