package io.archexplorer.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The measuring protocol: fixed counts are kept, the default one warms up until settled and sizes its runs. */
class ProfilerTest {

    /** A net of well under a millisecond, so a run budget of 1.2 s asks for more runs than the cap. */
    private static Net tinyNet(int channels) {
        NetBuilder b = new NetBuilder("tiny");
        String x = b.add("input", new Input(1, 3, 8, 8));
        x = b.add("conv", new Conv(channels, 3, 3, 1, 1, 1, 1, 1, 1, 1, false), x);
        b.add("relu", new Activation(Activation.Function.RELU), x);
        return b.build();
    }

    private static CompiledNet compile(Net net) {
        return CompiledNet.create(net, 1, new RuntimeOptions(1, true, true));
    }

    private static float[] input(Net net) {
        return SyntheticInput.standardNormal(net.inputShape().elements(), 7);
    }

    @Test
    void fixedCountsAreKept() {
        Net net = tinyNet(4);
        try (CompiledNet c = compile(net)) {
            Profile p = Profiler.measure(c, input(net), MeasurePlan.fixed(3, 7), ProgressListener.NONE,
                    CancellationToken.none());
            assertEquals(3, p.warmupRuns());
            assertEquals(7, p.runs());
        }
    }

    @Test
    void standardPlanWarmsUpForAtLeastItsMinimumAndFillsTheBudget() {
        Net net = tinyNet(4);
        List<Integer> warmups = new ArrayList<>();
        List<String> timed = new ArrayList<>();
        try (CompiledNet c = compile(net)) {
            long t0 = System.nanoTime();
            Profile p = Profiler.measure(c, input(net), MeasurePlan.standard(), new ProgressListener() {
                @Override
                public void progress(int done, int total) {
                    timed.add(done + "/" + total);
                }

                @Override
                public void warmingUp(int done) {
                    warmups.add(done);
                }
            }, CancellationToken.none());
            double elapsedMs = (System.nanoTime() - t0) / 1e6;
            assertTrue(elapsedMs >= MeasurePlan.WARMUP_MIN_MS, "warmed up for " + elapsedMs + " ms");
            assertTrue(p.warmupRuns() >= MeasurePlan.MIN_WARMUP);
            assertEquals(p.warmupRuns(), warmups.size());
            assertEquals(p.warmupRuns(), warmups.get(warmups.size() - 1));
            // A run of this net takes microseconds: the budget asks for more runs than the cap allows.
            assertEquals(MeasurePlan.MAX_RUNS, p.runs());
            assertEquals(p.runs(), timed.size());
            assertEquals(p.runs() + "/" + p.runs(), timed.get(timed.size() - 1));
        }
    }

    @Test
    void budgetRunsAreClampedAndSharedBetweenNets() {
        MeasurePlan plan = MeasurePlan.standard();
        assertEquals(MeasurePlan.MAX_RUNS, plan.runsFor(0.01, 1));
        assertEquals(MeasurePlan.MIN_RUNS, plan.runsFor(1000, 1));
        assertEquals(120, plan.runsFor(10, 1));
        assertEquals(60, plan.runsFor(10, 2));
        assertEquals(9, MeasurePlan.fixed(0, 9).runsFor(10, 2));
    }

    @Test
    void interleavedMeasurementGivesEachNetItsOwnProfile() {
        Net small = tinyNet(4);
        Net large = tinyNet(32);
        List<String> progress = new ArrayList<>();
        try (CompiledNet a = compile(small); CompiledNet b = compile(large)) {
            List<Profile> ps = Profiler.measureInterleaved(List.of(a, b), List.of(input(small), input(large)),
                    MeasurePlan.fixed(2, 10), (done, total) -> progress.add(done + "/" + total),
                    CancellationToken.none());
            assertEquals(2, ps.size());
            assertEquals(List.of(10, 10), ps.stream().map(Profile::runs).toList());
            assertEquals(a.steps().size(), ps.get(0).steps().size());
            assertEquals(b.steps().get(0).multAdds(), ps.get(1).steps().get(0).step().multAdds());
            // Both counts fixed: 2 × 2 warm-up and 2 × 10 timed runs, counted together.
            assertEquals(24, progress.size());
            assertEquals("24/24", progress.get(23));
        }
    }

    @Test
    void interleavedRunsAlternateBetweenTheNetsRoundByRound() {
        Net a = tinyNet(4);
        Net b = tinyNet(8);
        Net c = tinyNet(16);
        List<Integer> order = new ArrayList<>();
        try (CompiledNet ca = compile(a); CompiledNet cb = compile(b); CompiledNet cc = compile(c)) {
            Profiler.measureInterleaved(List.of(ca, cb, cc), List.of(input(a), input(b), input(c)),
                    MeasurePlan.fixed(1, 4).withRounds(2), new ProgressListener() {
                        @Override
                        public void progress(int done, int total) {
                        }

                        @Override
                        public void timedRun(int net) {
                            order.add(net);
                        }
                    }, CancellationToken.none());
        }
        // 4 runs each in 2 rounds: two of A, two of B, two of C, then again.
        assertEquals(List.of(0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2), order);
    }

    @Test
    void quartilesInterpolateBetweenRanksAsNumPyDoes() {
        // numpy.percentile([1, 2, 3, 4], [25, 75]) = [1.75, 3.25]; of [1, 2, 3, 4, 5]: [2, 4].
        assertEquals(1.75, Profiler.quantile(new double[] {1, 2, 3, 4}, 0.25), 1e-12);
        assertEquals(3.25, Profiler.quantile(new double[] {1, 2, 3, 4}, 0.75), 1e-12);
        assertEquals(2.0, Profiler.quantile(new double[] {1, 2, 3, 4, 5}, 0.25), 1e-12);
        assertEquals(4.0, Profiler.quantile(new double[] {1, 2, 3, 4, 5}, 0.75), 1e-12);
        assertEquals(7.0, Profiler.quantile(new double[] {7}, 0.75), 1e-12);
    }

    @Test
    void profilesCarryQuartilesBetweenMinAndMax() {
        Net net = tinyNet(4);
        try (CompiledNet c = compile(net)) {
            Profile p = Profiler.measure(c, input(net), MeasurePlan.fixed(1, 9), ProgressListener.NONE,
                    CancellationToken.none());
            assertTrue(p.minMs() <= p.q1Ms() && p.q1Ms() <= p.medianMs() && p.medianMs() <= p.q3Ms()
                    && p.q3Ms() <= p.maxMs(), p.toString());
        }
    }

    @Test
    void cancellationDuringAnUnboundedWarmupStops() {
        Net net = tinyNet(4);
        CancellationToken cancel = new CancellationToken();
        try (CompiledNet c = compile(net)) {
            assertThrows(CancellationException.class, () -> Profiler.measure(c, input(net), MeasurePlan.standard(),
                    new ProgressListener() {
                        @Override
                        public void progress(int done, int total) {
                        }

                        @Override
                        public void warmingUp(int done) {
                            if (done == 5) {
                                cancel.cancel();
                            }
                        }
                    }, cancel));
        }
    }

    @Test
    void impossiblePlansAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MeasurePlan.fixed(0, 0));
        assertThrows(IllegalArgumentException.class, () -> MeasurePlan.fixed(-2, 5));
        assertThrows(IllegalArgumentException.class, () -> MeasurePlan.standard().withRounds(0));
    }
}
