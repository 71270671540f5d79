package io.archexplorer.app.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PinComparisonTest {
    private static Pin pin(String label, long multAdds, double latencyMs) {
        return new Pin(label, "C=32", new Figures(1000, multAdds, 500, 100, 4096, latencyMs, 1000 / latencyMs), 2, 1);
    }

    @Test
    void changesAreAgainstTheBaseline() {
        Pin base = pin("resnet50", 4_000_000_000L, 20);
        Pin faster = pin("resnext50", 4_200_000_000L, 15);
        Pin unmeasured = pin("wide", 2_000_000_000L, Double.NaN);
        List<PinComparison> rows = PinComparison.of(List.of(base, faster, unmeasured), base);

        assertTrue(rows.get(0).baseline());
        assertEquals("baseline", PinComparison.changeText(rows.get(0), rows.get(0).latencyChange()));
        assertEquals(-25.0, rows.get(1).latencyChange(), 1e-12);
        assertEquals(5.0, rows.get(1).multAddsChange(), 1e-12);
        assertEquals("−25.0 %", PinComparison.changeText(rows.get(1), rows.get(1).latencyChange()));
        assertEquals("+5.0 %", PinComparison.changeText(rows.get(1), rows.get(1).multAddsChange()));
        assertTrue(Double.isNaN(rows.get(2).latencyChange()), "no latency, no change");
        assertEquals(-50.0, rows.get(2).multAddsChange(), 1e-12);
        assertEquals(List.of("#1", "#2", "#3"), rows.stream().map(PinComparison::marker).toList());
    }

    @Test
    void theSameVariantPinnedTwiceHasOneBaseline() {
        Pin first = pin("resnet50", 4_000_000_000L, 20);
        Pin again = pin("resnet50", 4_000_000_000L, 20);
        List<PinComparison> rows = PinComparison.of(List.of(first, again), first);
        assertTrue(rows.get(0).baseline());
        assertFalse(rows.get(1).baseline());
        assertEquals(0.0, rows.get(1).latencyChange());
    }

    @Test
    void withoutBaselineNothingIsCompared() {
        List<PinComparison> rows = PinComparison.of(List.of(pin("a", 1, 1)), null);
        assertFalse(rows.get(0).baseline());
        assertEquals("", PinComparison.changeText(rows.get(0), rows.get(0).latencyChange()));
    }
}
