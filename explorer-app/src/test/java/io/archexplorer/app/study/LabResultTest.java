package io.archexplorer.app.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.samples.labs.GuidelineLab;
import io.archexplorer.samples.labs.GuidelineLabs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lab's verdicts from given latencies (no measuring): ratios, ranking and what counts as noise. */
class LabResultTest {

    private static Profile latency(double q1, double median, double q3) {
        return new Profile(1, 1, 3, 9, median, q1 - 1, q3 + 1, q1, q3, List.of());
    }

    private static LabResult g1(Profile... profiles) {
        GuidelineLab lab = GuidelineLabs.lab("g1").orElseThrow();
        var base = LabStudy.base(lab, Map.of());
        List<Variant> variants = LabStudy.variants(lab, base, LabStudy.settings(1));
        List<LabResult.Row> rows = new ArrayList<>();
        for (int i = 0; i < profiles.length; i++) {
            rows.add(new LabResult.Row(lab.rows().get(i), variants.get(i), profiles[i]));
        }
        return new LabResult(lab, base, LabStudy.settings(1), rows, Instant.EPOCH, "test");
    }

    @Test
    void overlappingInterquartileRangesAreWithinNoise() {
        assertTrue(Experiment.withinNoise(latency(10, 11, 12), latency(11.5, 12.5, 13)));
        assertTrue(Experiment.withinNoise(latency(10, 11, 12), latency(12, 12.5, 13)), "touching ranges overlap");
        assertFalse(Experiment.withinNoise(latency(10, 11, 12), latency(12.1, 12.5, 13)));
        assertFalse(Experiment.withinNoise(latency(12.1, 12.5, 13), latency(10, 11, 12)));
    }

    @Test
    void rowsAreRankedByMedianAndComparedWithTheFirst() {
        LabResult r = g1(latency(9, 10, 11), latency(19, 20, 21), latency(10.5, 10.5, 12), latency(4, 5, 6));
        assertEquals(List.of("1:12", "1:1", "1:6", "1:2"), r.measuredRanking());
        assertEquals(0.5, r.speedRatio(r.rows().get(1)), 1e-12);
        assertEquals(2.0, r.speedRatio(r.rows().get(3)), 1e-12);
        assertFalse(r.withinNoiseOfFirst(r.rows().get(0)), "the first row is the reference, not a verdict");
        assertFalse(r.withinNoiseOfFirst(r.rows().get(1)));
        assertTrue(r.withinNoiseOfFirst(r.rows().get(2)));
        assertEquals(List.of("1:1", "1:2", "1:6", "1:12"), r.paperRanking(io.archexplorer.samples.labs.PaperDevice.GPU));
    }

    @Test
    void aKeptResultComesBackWithItsLatenciesAndWhenAndWhere() {
        LabResult r = g1(latency(9, 10, 11), latency(19, 20, 21), latency(10.5, 10.5, 12), latency(4, 5, 6));
        LabResult back = LabRecord.of(r).restore();
        assertEquals(r.measuredRanking(), back.measuredRanking());
        assertEquals(r.rows().get(2).profile(), back.rows().get(2).profile());
        assertEquals(Instant.EPOCH, back.measuredAt());
        assertEquals("test", back.machine());
        assertEquals(r.rows().get(3).variant().analysis().totals(), back.rows().get(3).variant().analysis().totals());
    }

    @Test
    void aStaleRecordIsDroppedNotAFailure() {
        LabRecord r = LabRecord.of(g1(latency(9, 10, 11), latency(19, 20, 21), latency(10.5, 10.5, 12),
                latency(4, 5, 6)));
        assertEquals(null, new LabRecord("g9", r.knobs(), 1, r.measuredAt(), r.machine(), r.rows()).restore());
        assertEquals(null, new LabRecord("g1", Map.of("scale", "3"), 1, r.measuredAt(), r.machine(), r.rows())
                .restore());
        assertEquals(null, new LabRecord("g1", r.knobs(), 1, r.measuredAt(), r.machine(), r.rows().subList(0, 2))
                .restore());
    }

    @Test
    void labsRunUnfusedAtBatchOne() {
        RunSettings s = LabStudy.settings(1);
        assertFalse(s.fused());
        assertEquals(1, s.batch());
    }
}
