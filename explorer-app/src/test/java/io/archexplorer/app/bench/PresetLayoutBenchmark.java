package io.archexplorer.app.bench;

import io.archexplorer.app.diagram.DiagramBuilder;
import io.archexplorer.app.diagram.DiagramOptions;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.layouts.Direction;
import io.archexplorer.layouts.LayeredLayout;
import io.archexplorer.layouts.Layout;
import io.archexplorer.layouts.LayoutGraph;
import io.archexplorer.layouts.LayoutQuality;
import io.archexplorer.layouts.bench.ElkPeer;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.Preset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The layout on the graphs the user sees: every preset's diagram graph (expanded, in-place layers folded into
 * their producer as in the drawings, blocks as compounds), laid out by our layered layout and by ELK layered on
 * exactly the same graph in the same run. ELK gets the graph flat (it would need a hierarchical graph for
 * compounds), so ours is timed both flat (the like-for-like column) and with the blocks. Crossings of both are
 * counted by the same counter. Boxes are 120 × 40, as in the reference table; medians of 5 runs after warm-up.
 * Targets: every preset under 10 ms, densenet121 (every layer concatenating all earlier outputs of its block)
 * under 50 ms, at least 10× faster than ELK with no more crossings.
 *
 * <p>Run from the repository root: {@code mvn -q -DskipTests -Pbench-layout test}
 */
public final class PresetLayoutBenchmark {
    private static final int RUNS = 5;
    private static final long WARM_UP_NANOS = 1_000_000_000L;

    private PresetLayoutBenchmark() {
    }

    public static void main(String[] args) {
        LayeredLayout ours = new LayeredLayout(DiagramBuilder.spacing(Direction.TOP_TO_BOTTOM));
        System.out.printf(Locale.ROOT, "%-20s %6s %6s %9s %10s %9s %8s %8s %8s%n", "preset", "nodes", "edges",
                "ours ms", "blocks ms", "ELK ms", "ELK/ours", "ours X", "ELK X");
        List<Double> worst = new ArrayList<>();
        for (Preset preset : Catalog.standard().presets()) {
            LayoutGraph withBlocks = DiagramBuilder.graph(CostAnalysis.analyze(
                    Catalog.standard().resolve(preset.name(), Map.of()).build()), DiagramOptions.defaults())
                    .layoutGraph();
            LayoutGraph flat = uniformFlat(withBlocks);
            double oursFlat = time(() -> ours.layout(flat));
            double oursBlocks = time(() -> ours.layout(uniformBlocks(withBlocks)));
            double elk = time(() -> ElkPeer.layout(flat));
            long oursCrossings = LayoutQuality.of(ours.layout(flat)).crossings();
            long elkCrossings = LayoutQuality.of(ElkPeer.layout(flat)).crossings();
            System.out.printf(Locale.ROOT, "%-20s %6d %6d %9.2f %10.2f %9.2f %7.1fx %8d %8d%n", preset.name(),
                    flat.nodeCount(), flat.edgeCount(), oursFlat, oursBlocks, elk, elk / oursFlat,
                    oursCrossings, elkCrossings);
            worst.add(oursBlocks);
        }
        System.out.printf(Locale.ROOT, "slowest preset with blocks: %.2f ms%n",
                worst.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    /** The same nodes and edges, every box 120 × 40, no compounds. */
    private static LayoutGraph uniformFlat(LayoutGraph g) {
        return copy(g, false);
    }

    /** The same nodes, edges and compounds, every box 120 × 40. */
    private static LayoutGraph uniformBlocks(LayoutGraph g) {
        return copy(g, true);
    }

    private static LayoutGraph copy(LayoutGraph g, boolean compounds) {
        LayoutGraph.Builder b = LayoutGraph.builder();
        if (compounds) {
            for (String c : g.compoundIds()) {
                b.compound(c, g.compoundParent(c));
            }
        }
        for (int v = 0; v < g.nodeCount(); v++) {
            b.node(g.nodeId(v), 120, 40, compounds ? g.compoundOf(v) : null);
        }
        for (int e = 0; e < g.edgeCount(); e++) {
            b.edge(g.edgeSource(e), g.edgeTarget(e));
        }
        return b.build();
    }

    /** Median of {@value #RUNS} layout times (the layout's own clock) after about a second of warm-up. */
    private static double time(Supplier<Layout> run) {
        long start = System.nanoTime();
        for (int i = 0; i < 3 || System.nanoTime() - start < WARM_UP_NANOS && i < 200; i++) {
            run.get();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            millis[i] = run.get().millis();
        }
        Arrays.sort(millis);
        return millis[RUNS / 2];
    }
}
