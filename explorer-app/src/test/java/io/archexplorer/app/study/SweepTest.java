package io.archexplorer.app.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.knobs.Knob;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Sweeps and kept complexity, against Xie et al.'s Table 2 and ShuffleNet's Table 1. */
class SweepTest {
    private static final RunSettings SETTINGS = new RunSettings(1, 1, true, false);

    private static ModelSpec spec(String model, Map<String, String> knobs) {
        return Catalog.standard().resolve(model, knobs);
    }

    private static Sweep.Result sweep(String model, String knob, String values, KeepComplexity.Measure keep) {
        ModelSpec base = spec(model, Map.of());
        Knob k = Sweep.knob(base, knob);
        return Sweep.analyze(base, k, KnobRange.values(k, values), keep, SETTINGS, CancellationToken.none());
    }

    @Test
    void keepingMultAddsFromResNet50GivesResNeXtsTable2Templates() {
        Sweep.Result r = sweep("resnet50", "cardinality", "1,2,4,8,32", KeepComplexity.Measure.MULT_ADDS);
        // Xie et al. 2017, Table 2: 1×64d, 2×40d, 4×24d, 8×14d, 32×4d, all "≈ 4.1 / 4.2 billion FLOPs".
        assertEquals(List.of(64, 40, 24, 14, 4), r.rows().stream()
                .map(row -> row.variant().spec().orElseThrow().knobs().integer("bottleneck_width")).toList());
        for (Sweep.Row row : r.rows()) {
            long flops = row.variant().analysis().totals().multAdds();
            assertTrue(Math.abs(flops / 4.2e9 - 1) < 0.03, row.value() + ": " + flops);
            assertTrue(row.solution().reached() >= row.solution().target());
        }
    }

    @Test
    void shuffleNetGroupsKeepTheirTable1WidthsAndReportHowCloseTheyLand() {
        Sweep.Result r = sweep("shufflenet_v1", "groups", "1..8", KeepComplexity.Measure.MULT_ADDS);
        assertTrue(r.compensation().builtIn());
        assertEquals(List.of("1", "2", "3", "4", "8"), r.rows().stream().map(Sweep.Row::value).toList());
        // Table 1 gives 143, 140, 137, 133 and 137 MFLOPs for g = 1, 2, 3, 4, 8 at 1×: within 5 % of g = 3's.
        for (Sweep.Row row : r.rows()) {
            assertTrue(Math.abs(row.solution().offPercent()) < 5, row.value() + ": " + row.solution().offPercent());
        }
        assertEquals(0.0, r.rows().get(2).solution().offPercent());
    }

    @Test
    void theVariantsOwnValueWinsATieOfRounding() {
        Sweep.Result r = sweep("mobilenet_v1", "width", "1.0", KeepComplexity.Measure.MULT_ADDS);
        assertEquals(224, r.rows().get(0).variant().spec().orElseThrow().knobs().integer("resolution"));
    }

    @Test
    void impossibleValuesAreRowsWithTheReason() {
        Sweep.Result r = sweep("resnet18", "cardinality", "1,2", null);
        assertTrue(r.rows().get(0).ok());
        assertFalse(r.rows().get(1).ok());
        assertTrue(r.rows().get(1).error().contains("basic blocks"), r.rows().get(1).error());
    }

    @Test
    void aFamilyWithoutCompensationForTheKnobIsRefusedNamingWhatItHas() {
        VariantException e = assertThrows(VariantException.class,
                () -> sweep("resnet50", "resolution", "160,224", KeepComplexity.Measure.MULT_ADDS));
        assertEquals("--keep: resnet has no compensating knob for 'resolution' (it has one for cardinality, "
                + "bottleneck_width)", e.getMessage());
    }

    @Test
    void aCancelledSweepStops() {
        ModelSpec base = spec("resnet50", Map.of());
        Knob k = Sweep.knob(base, "cardinality");
        CancellationToken cancel = new CancellationToken();
        cancel.cancel();
        assertThrows(CancellationException.class, () -> Sweep.analyze(base, k, List.of("1", "2"), null, SETTINGS,
                cancel));
    }

    @Test
    void rangesOfEveryKindOfKnob() {
        ModelSpec resnet = spec("resnet50", Map.of());
        assertEquals(List.of("1", "3", "5", "7"), KnobRange.values(resnet.knobs().knob("cardinality"), "1..8:2"));
        assertEquals(List.of("4", "8", "16"), KnobRange.values(resnet.knobs().knob("cardinality"), "4,8,16,8"));
        assertEquals(List.of("50", "101", "152"), KnobRange.values(resnet.knobs().knob("depth"), "50..152"));
        ModelSpec mobilenet = spec("mobilenet_v2", Map.of());
        assertEquals(List.of("0.5", "0.75", "1.0"), KnobRange.values(mobilenet.knobs().knob("width"),
                "0.5..1.0:0.25"));
        assertEquals(11, KnobRange.values(mobilenet.knobs().knob("width"), "0.5..1.5").size());
        ModelSpec densenet = spec("densenet121", Map.of());
        assertEquals(List.of("6,12,24,16", "6,12,32,32"), KnobRange.values(densenet.knobs().knob("blocks"),
                "6,12,24,16;6,12,32,32"));
        VariantException backwards = assertThrows(VariantException.class,
                () -> KnobRange.values(resnet.knobs().knob("cardinality"), "8..1"));
        assertEquals("knob 'cardinality': range 8..1 runs backwards", backwards.getMessage());
        VariantException many = assertThrows(VariantException.class,
                () -> KnobRange.values(resnet.knobs().knob("resolution"), "8..4096"));
        assertTrue(many.getMessage().contains("at most 200"), many.getMessage());
    }
}
