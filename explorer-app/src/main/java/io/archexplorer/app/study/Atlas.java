package io.archexplorer.app.study;

import io.archexplorer.engine.memory.InsufficientMemoryException;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.engine.runtime.ProgressListener;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.Preset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The whole zoo at once: every preset of the catalog as a point, its counted figures against its measured latency
 * on this machine (ShuffleNet V2's Figure 1, for this laptop). Presets are measured in interleaved groups that fit in
 * the heap together; a preset that cannot be built or run is a point with the reason.
 */
public final class Atlas {
    /** Share of the heap the compiled nets of one interleaved group may take. */
    private static final double GROUP_HEAP_SHARE = 0.3;

    private Atlas() {
    }

    /**
     * @param variant null when the preset could not be built ({@code error} says why)
     * @param profile null until measured, or when it could not run
     */
    public record Point(Preset preset, Variant variant, Profile profile, String error) {
        public boolean ok() {
            return variant != null;
        }
    }

    public record Result(List<Point> points, RunSettings settings, Instant measuredAt, String machine) {
        public Result {
            points = List.copyOf(points);
        }

        public boolean measured() {
            return points.stream().anyMatch(p -> p.profile() != null);
        }
    }

    /** Every preset, built and analyzed; not measured. */
    public static Result analyze(Catalog catalog, RunSettings settings, CancellationToken cancel) {
        List<Point> points = new ArrayList<>();
        for (Preset p : catalog.presets()) {
            if (cancel.isCancelled()) {
                throw new CancellationException();
            }
            try {
                ModelSpec spec = catalog.resolve(p.name(), Map.of());
                points.add(new Point(p, Variant.of(ModelSource.built(spec), settings), null, null));
            } catch (RuntimeException e) {
                // Any family, also one added later, that fails on its own preset is a point with the reason.
                points.add(new Point(p, null, null, e.getMessage()));
            }
        }
        return new Result(points, settings, Instant.now(), Machine.describe());
    }

    /**
     * Measures every point that has a net, in groups that fit in the heap, each group interleaved.
     *
     * @param progress told {@code done} of {@code total} presets as each group finishes
     * @throws CancellationException when {@code cancel} is set
     */
    public static Result measure(Result analyzed, MeasurePlan plan, ProgressListener progress,
                                 CancellationToken cancel) {
        List<Point> points = new ArrayList<>(analyzed.points());
        List<Integer> runnable = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).ok() && points.get(i).variant().memory() != null) {
                runnable.add(i);
            }
        }
        long budget = (long) (Runtime.getRuntime().maxMemory() * GROUP_HEAP_SHARE);
        int[] done = {0};
        int from = 0;
        while (from < runnable.size()) {
            int to = from;
            long bytes = 0;
            while (to < runnable.size() && (to == from
                    || bytes + points.get(runnable.get(to)).variant().memory().totalBytes() <= budget)) {
                bytes += points.get(runnable.get(to)).variant().memory().totalBytes();
                to++;
            }
            measureGroup(points, runnable.subList(from, to), analyzed.settings(), plan, cancel);
            done[0] += to - from;
            progress.progress(done[0], runnable.size());
            from = to;
        }
        return new Result(points, analyzed.settings(), Instant.now(), Machine.describe());
    }

    /**
     * Measures the points at {@code group} interleaved; when they do not fit in the heap together (the runtime's
     * own check is the judge), each half on its own, down to single presets, whose refusal is their error.
     */
    private static void measureGroup(List<Point> points, List<Integer> group, RunSettings settings, MeasurePlan plan,
                                     CancellationToken cancel) {
        List<Variant> variants = group.stream().map(i -> points.get(i).variant()).toList();
        // The heap check counts the last group's weights, now garbage, as used until a collection; and a collection
        // between groups, not during a group's timed runs, is what a benchmark wants anyway.
        System.gc();
        try {
            List<Measurement> measured = Experiment.measure(variants, settings, plan, ProgressListener.NONE, cancel);
            for (int k = 0; k < group.size(); k++) {
                Point p = points.get(group.get(k));
                points.set(group.get(k), new Point(p.preset(), p.variant(), measured.get(k).profile(), null));
            }
        } catch (InsufficientMemoryException e) {
            if (group.size() > 1) {
                measureGroup(points, group.subList(0, group.size() / 2), settings, plan, cancel);
                measureGroup(points, group.subList(group.size() / 2, group.size()), settings, plan, cancel);
                return;
            }
            fail(points, group, e.getMessage());
        } catch (IllegalArgumentException | VariantException e) {
            fail(points, group, e.getMessage());
        }
    }

    private static void fail(List<Point> points, List<Integer> group, String reason) {
        for (int i : group) {
            Point p = points.get(i);
            points.set(i, new Point(p.preset(), p.variant(), null, reason));
        }
    }
}
