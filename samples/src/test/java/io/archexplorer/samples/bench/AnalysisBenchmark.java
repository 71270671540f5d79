package io.archexplorer.samples.bench;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.ModelSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How long a knob tick costs: rebuilding the net from its knobs (validation and shape inference included) plus
 * the cost analysis, for the largest presets. The budget is 5 ms after warm-up, so a slider can re-analyze on
 * every tick.
 *
 * <p>Run from the repository root: {@code mvn -q -DskipTests -Pbench-analysis test}
 */
public final class AnalysisBenchmark {
    private static final double BUDGET_MS = 5.0;
    private static final int WARMUP = 300;
    private static final int RUNS = 300;
    /** Results land here so the JIT cannot drop the work being timed. */
    private static volatile long blackhole;

    private AnalysisBenchmark() {
    }

    public static void main(String[] args) {
        Catalog catalog = Catalog.standard();
        Map<String, ModelSpec> models = new LinkedHashMap<>();
        models.put("resnet152", catalog.resolve("resnet152", Map.of()));
        models.put("densenet blocks=6,12,64,48", catalog.resolve("densenet", Map.of("blocks", "6,12,64,48")));
        models.put("resnext101_32x8d", catalog.resolve("resnext101_32x8d", Map.of()));
        models.put("densenet201", catalog.resolve("densenet201", Map.of()));
        System.out.printf(Locale.ROOT, "%-34s %7s %12s %12s %12s %10s%n", "model (knob tick = build + analyze)",
                "layers", "median ms", "p90 ms", "analyze ms", "vs budget");
        models.forEach(AnalysisBenchmark::measure);
        System.out.printf(Locale.ROOT, "budget: %.1f ms per tick after warm-up (%d warm-up ticks, %d measured)%n",
                BUDGET_MS, WARMUP, RUNS);
    }

    private static void measure(String label, ModelSpec model) {
        long sink = 0;
        for (int i = 0; i < WARMUP; i++) {
            sink += CostAnalysis.analyze(model.build()).totals().mac();
        }
        double[] tick = new double[RUNS];
        double[] analyzeOnly = new double[RUNS];
        Net net = null;
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            net = model.build();
            long t1 = System.nanoTime();
            Analysis a = CostAnalysis.analyze(net);
            long t2 = System.nanoTime();
            sink += a.totals().multAdds();
            tick[i] = (t2 - t0) / 1e6;
            analyzeOnly[i] = (t2 - t1) / 1e6;
        }
        Arrays.sort(tick);
        Arrays.sort(analyzeOnly);
        double median = tick[RUNS / 2];
        System.out.printf(Locale.ROOT, "%-34s %7d %12.3f %12.3f %12.3f %9.2fx%n", label, net.size(), median,
                tick[RUNS * 9 / 10], analyzeOnly[RUNS / 2], median / BUDGET_MS);
        blackhole += sink;
    }
}
