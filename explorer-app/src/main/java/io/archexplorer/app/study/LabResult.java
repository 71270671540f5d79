package io.archexplorer.app.study;

import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.samples.knobs.KnobValues;
import io.archexplorer.samples.labs.GuidelineLab;
import io.archexplorer.samples.labs.LabRow;
import io.archexplorer.samples.labs.PaperDevice;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A guideline lab measured on this machine at one thread count: its rows with their figures and measured speed, and
 * when and where it was measured (a lecture reopens results without re-measuring).
 *
 * @param base the knobs every row starts from (device, scale)
 * @param rows in the lab's order
 */
public record LabResult(GuidelineLab lab, KnobValues base, RunSettings settings, List<Row> rows, Instant measuredAt,
                        String machine) {
    public LabResult {
        rows = List.copyOf(rows);
    }

    /** One row: the paper's variant, the net built for it and how fast it ran. */
    public record Row(LabRow row, Variant variant, Profile profile) {
    }

    /** The row the others are compared with: the lab's first, as in the paper's tables. */
    public Row first() {
        return rows.get(0);
    }

    /** Row {@code r}'s speed against the first row's (the first row's latency over this one's: above 1 is faster). */
    public double speedRatio(Row r) {
        return first().profile().medianMs() / r.profile().medianMs();
    }

    /** Whether row {@code r} differs from the first row by less than the noise of the measurements. */
    public boolean withinNoiseOfFirst(Row r) {
        return r != first() && Experiment.withinNoise(r.profile(), first().profile());
    }

    /** The variants, fastest first, as measured here. */
    public List<String> measuredRanking() {
        return rows.stream().sorted(Comparator.comparingDouble(r -> r.profile().medianMs()))
                .map(r -> r.row().variant()).toList();
    }

    /** The variants, fastest first, by the paper's figures on {@code device} at this lab's scale. */
    public List<String> paperRanking(PaperDevice device) {
        return lab.paperRanking(device, GuidelineLab.scale(base));
    }
}
