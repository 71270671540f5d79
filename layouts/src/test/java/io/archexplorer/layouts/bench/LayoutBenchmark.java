package io.archexplorer.layouts.bench;

import io.archexplorer.layouts.LayeredLayout;
import io.archexplorer.layouts.Layout;
import io.archexplorer.layouts.LayoutGraph;
import io.archexplorer.layouts.LayoutOptions;
import io.archexplorer.layouts.LayoutQuality;
import io.archexplorer.layouts.SyntheticNets;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Our layered layout against ELK layered, in the same JVM, on the synthetic nets (boxes 120 × 40,
 * top to bottom). Both get the same flat graph (compounds dropped, since ELK would need a
 * hierarchical graph); an extra column gives our time and crossings with compounds kept
 * (contiguous blocks, frames). Crossings of both layouts are counted by the same
 * {@link io.archexplorer.layouts.CrossingCounter}; W is the drawing's width. Times are medians of
 * 5 runs after warm-up: wall time of the layout call, and for ours also this thread's CPU time,
 * which shows how much of the wall time is load from other processes on a shared machine.
 * <p>
 * Run from the repository root: {@code mvn -q -pl layouts test-compile exec:java}
 */
public final class LayoutBenchmark {
    private static final int MEASURED_RUNS = 5;
    private static final long WARM_UP_NANOS = 1_500_000_000L;
    private static final int MIN_WARM_UP_RUNS = 2;
    private static final int MAX_WARM_UP_RUNS = 30;

    private LayoutBenchmark() {
    }

    private record Net(String name, Supplier<LayoutGraph> graph) {
    }

    public static void main(String[] args) {
        List<Net> nets = List.of(
                new Net("squeezenet", SyntheticNets::squeezenet),
                new Net("resnet50", SyntheticNets::resnet50),
                new Net("densenet121 concat chain", SyntheticNets::densenet121ConcatChain),
                new Net("shufflenet_v2", SyntheticNets::shufflenetV2),
                new Net("densenet121 full", SyntheticNets::densenet121Full),
                new Net("densenet264 concat chain", SyntheticNets::densenet264ConcatChain),
                new Net("resnet1001", SyntheticNets::resnet1001));
        System.out.printf("%-25s %5s %5s %8s %8s %9s %7s %7s %7s %7s %7s %9s %8s%n", "graph", "nodes", "edges",
                "ours ms", "ours cpu", "ELK ms", "ELK/us", "ours X", "ELK X", "ours W", "ELK W", "blocks ms", "blocks X");
        LayeredLayout ours = new LayeredLayout(LayoutOptions.defaults());
        for (Net net : nets) {
            LayoutGraph withBlocks = net.graph().get();
            LayoutGraph flat = SyntheticNets.withoutCompounds(withBlocks);
            Timed oursFlat = time(() -> ours.layout(flat));
            Timed oursBlocks = time(() -> ours.layout(withBlocks));
            Timed elk = time(() -> ElkPeer.layout(flat));
            System.out.printf("%-25s %5d %5d %8.2f %8.2f %9.2f %6.1fx %7d %7d %7.0f %7.0f %9.2f %8d%n", net.name(),
                    flat.nodeCount(), flat.edgeCount(), oursFlat.medianMillis, oursFlat.medianCpuMillis,
                    elk.medianMillis, elk.medianMillis / oursFlat.medianMillis,
                    LayoutQuality.of(oursFlat.layout).crossings(), LayoutQuality.of(elk.layout).crossings(),
                    oursFlat.layout.width(), elk.layout.width(),
                    oursBlocks.medianMillis, LayoutQuality.of(oursBlocks.layout).crossings());
        }
    }

    /** Median wall time as the layout reports it, and median CPU time of this thread (which load from other processes does not inflate). */
    private record Timed(Layout layout, double medianMillis, double medianCpuMillis) {
    }

    private static Timed time(Supplier<Layout> run) {
        long warmUpStart = System.nanoTime();
        for (int i = 0; i < MAX_WARM_UP_RUNS
                && (i < MIN_WARM_UP_RUNS || System.nanoTime() - warmUpStart < WARM_UP_NANOS); i++) {
            run.get();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] millis = new double[MEASURED_RUNS];
        double[] cpuMillis = new double[MEASURED_RUNS];
        Layout layout = null;
        for (int i = 0; i < MEASURED_RUNS; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            layout = run.get();
            cpuMillis[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            millis[i] = layout.millis();
        }
        Arrays.sort(millis);
        Arrays.sort(cpuMillis);
        return new Timed(layout, millis[MEASURED_RUNS / 2], cpuMillis[MEASURED_RUNS / 2]);
    }
}
