package io.archexplorer.app.study;

import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.engine.runtime.ProgressListener;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * One knob of a model across a range of values: a variant per value, analyzed, and (when asked) measured as one
 * {@link Experiment}. A value the net cannot take is a row with the reason, not a stop.
 */
public final class Sweep {
    private Sweep() {
    }

    /**
     * One value of the sweep.
     *
     * @param variant null when the value gives no net ({@code error} says why)
     * @param solution how the compensating knob was solved, when complexity is kept
     * @param profile the measurement; null when not measured
     */
    public record Row(String value, Variant variant, KeepComplexity.Solution solution, Profile profile,
                      String error) {
        public boolean ok() {
            return variant != null;
        }

        public Row measured(Profile p) {
            return new Row(value, variant, solution, p, error);
        }
    }

    /**
     * @param base the model as given (its knobs before the sweep), whose complexity a kept sweep holds
     * @param keep what is held fixed; null for none
     * @param compensation how it is held; null for none
     */
    public record Result(ModelSpec base, Knob knob, KeepComplexity.Measure keep,
                         KeepComplexity.Compensation compensation, RunSettings settings, List<Row> rows,
                         Instant measuredAt, String machine) {
        public Result {
            rows = List.copyOf(rows);
        }

        public boolean measured() {
            return rows.stream().anyMatch(r -> r.profile() != null);
        }
    }

    /** The swept knob of {@code base}, by name (a family's knob; model files have none). */
    public static Knob knob(ModelSpec base, String name) {
        try {
            return base.knobs().knob(name);
        } catch (KnobException e) {
            throw new VariantException(name, e.getMessage());
        }
    }

    /** The compensation that holds {@code keep} for {@code knob} of {@code base}'s family, or a one-line refusal. */
    public static KeepComplexity.Compensation compensation(ModelSpec base, Knob knob) {
        String family = base.family().name();
        List<Knob> knobs = base.family().knobs();
        return KeepComplexity.compensation(family, knob.name(), knobs).orElseThrow(() -> {
            String possible = KeepComplexity.sweepable(family, knobs);
            return new VariantException(knob.name(), "--keep: " + family + " has no compensating knob for '"
                    + knob.name() + "'" + (possible.isEmpty() ? "" : " (it has one for " + possible + ")"));
        });
    }

    /**
     * Builds and analyzes every value's variant; with {@code keep}, solves the compensation first. Not measured.
     *
     * @param cancel checked between values
     */
    public static Result analyze(ModelSpec base, Knob knob, List<String> values, KeepComplexity.Measure keep,
                                 RunSettings settings, CancellationToken cancel) {
        KeepComplexity.Compensation compensation = keep == null ? null : compensation(base, knob);
        long target = keep == null ? 0 : keep.of(Variant.of(build(base), settings).analysis().totals());
        List<Row> rows = new ArrayList<>();
        for (String value : values) {
            if (cancel.isCancelled()) {
                throw new CancellationException();
            }
            rows.add(row(base, knob, value, keep, compensation, target, settings));
        }
        return new Result(base, knob, keep, compensation, settings, rows, Instant.now(), Machine.describe());
    }

    private static Row row(ModelSpec base, Knob knob, String value, KeepComplexity.Measure keep,
                           KeepComplexity.Compensation compensation, long target, RunSettings settings) {
        try {
            ModelSpec spec = base.with(knob.name(), value);
            KeepComplexity.Solution solution = null;
            if (keep != null) {
                solution = KeepComplexity.solve(spec, compensation, keep, target);
                spec = new ModelSpec(spec.name(), spec.family(), solution.knobs());
            }
            return new Row(value, Variant.of(build(spec), settings), solution, null, null);
        } catch (VariantException | KnobException e) {
            return new Row(value, null, null, null, e.getMessage());
        }
    }

    private static LoadedModel build(ModelSpec spec) {
        return ModelSource.built(spec);
    }

    /**
     * Measures the rows that have a net, interleaved.
     *
     * @throws CancellationException when {@code cancel} is set
     */
    public static Result measure(Result analyzed, MeasurePlan plan, ProgressListener progress,
                                 CancellationToken cancel) {
        List<Variant> variants = analyzed.rows().stream().filter(Row::ok).map(Row::variant).toList();
        if (variants.isEmpty()) {
            return analyzed;
        }
        List<Measurement> measured = Experiment.measure(variants, analyzed.settings(), plan, progress, cancel);
        List<Row> rows = new ArrayList<>();
        int next = 0;
        for (Row r : analyzed.rows()) {
            rows.add(r.ok() ? r.measured(measured.get(next++).profile()) : r);
        }
        return new Result(analyzed.base(), analyzed.knob(), analyzed.keep(), analyzed.compensation(),
                analyzed.settings(), rows, Instant.now(), Machine.describe());
    }
}
