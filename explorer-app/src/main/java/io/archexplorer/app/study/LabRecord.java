package io.archexplorer.app.study;

import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.samples.knobs.KnobValues;
import io.archexplorer.samples.labs.GuidelineLab;
import io.archexplorer.samples.labs.GuidelineLabs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A measured lab as plain data, for keeping it (the window's session) and bringing it back without re-measuring: the
 * lab, its knobs, the thread count, when and where, and each row's latency figures. The nets are rebuilt from the
 * knobs on restore, so their counted figures are always the current code's.
 *
 * @param knobs the lab's base knobs as text (device, scale)
 */
public record LabRecord(String lab, Map<String, String> knobs, int threads, String measuredAt, String machine,
                        List<RowRecord> rows) {
    public LabRecord {
        knobs = knobs == null ? Map.of() : Map.copyOf(knobs);
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /** One row's measured latency. */
    public record RowRecord(String variant, double medianMs, double q1Ms, double q3Ms, double minMs, double maxMs,
                            int runs, int warmupRuns) {
    }

    public static LabRecord of(LabResult r) {
        List<RowRecord> rows = r.rows().stream().map(row -> {
            Profile p = row.profile();
            return new RowRecord(row.row().variant(), p.medianMs(), p.q1Ms(), p.q3Ms(), p.minMs(), p.maxMs(), p.runs(),
                    p.warmupRuns());
        }).toList();
        return new LabRecord(r.lab().id(), r.base().asText(), r.settings().threads(), r.measuredAt().toString(),
                r.machine(), rows);
    }

    /**
     * The lab result again; {@code null} when the record no longer fits the labs (an unknown lab or knob, another
     * number of rows, a bad date), so a stale session is dropped, not a failed start.
     */
    public LabResult restore() {
        try {
            GuidelineLab l = GuidelineLabs.lab(lab).orElse(null);
            if (l == null || rows.size() != l.rows().size() || threads < 1) {
                return null;
            }
            KnobValues base = LabStudy.base(l, knobs);
            RunSettings settings = new RunSettings(Math.min(threads, RunSettings.cores()), 1, false, false);
            List<Variant> variants = LabStudy.variants(l, base, settings);
            List<LabResult.Row> restored = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                RowRecord r = rows.get(i);
                if (!r.variant().equals(l.rows().get(i).variant())) {
                    return null;
                }
                Profile p = new Profile(threads, 1, r.warmupRuns(), r.runs(), r.medianMs(), r.minMs(), r.maxMs(),
                        r.q1Ms(), r.q3Ms(), List.of());
                restored.add(new LabResult.Row(l.rows().get(i), variants.get(i), p));
            }
            return new LabResult(l, base, settings, restored, Instant.parse(measuredAt), machine);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
