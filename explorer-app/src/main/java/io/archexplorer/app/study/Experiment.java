package io.archexplorer.app.study;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.engine.runtime.Profiler;
import io.archexplorer.engine.runtime.ProgressListener;
import io.archexplorer.engine.runtime.SyntheticInput;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of variants measured as one experiment, for a fair comparison on a noisy machine: each net warms up until
 * its speed settles, then the timed runs alternate between the nets round by round ({@link MeasurePlan#rounds()}),
 * and each gets its median and quartiles ({@link Profiler#measureInterleaved}). Labs, sweeps and the atlas use it.
 */
public final class Experiment {
    private Experiment() {
    }

    /**
     * @return one measurement per variant, in order, latency figures only (per-step times would keep every net's
     *     weights alive as long as the result: see {@link Profile#latencyOnly()})
     * @throws java.util.concurrent.CancellationException when {@code cancel} is set
     * @throws io.archexplorer.engine.memory.InsufficientMemoryException when the nets do not fit in the heap together
     */
    public static List<Measurement> measure(List<Variant> variants, RunSettings settings, MeasurePlan plan,
                                            ProgressListener progress, CancellationToken cancel) {
        List<CompiledNet> compiled = new ArrayList<>(variants.size());
        List<float[]> inputs = new ArrayList<>(variants.size());
        try {
            for (Variant v : variants) {
                Net net = v.net().inputShape().n() == settings.batch() ? v.net() : v.net().withBatch(settings.batch());
                compiled.add(v.model().compile(net, SpeedTest.DEFAULT_SEED, settings.runtimeOptions()));
                inputs.add(SyntheticInput.standardNormal(net.inputShape().elements(), SpeedTest.DEFAULT_SEED));
            }
            List<Profile> profiles = Profiler.measureInterleaved(compiled, inputs, plan, progress, cancel);
            List<Measurement> result = new ArrayList<>(variants.size());
            for (int i = 0; i < variants.size(); i++) {
                result.add(new Measurement(variants.get(i), settings, profiles.get(i).latencyOnly()));
            }
            return result;
        } finally {
            compiled.forEach(CompiledNet::close);
        }
    }

    /**
     * Whether two measured latencies differ by less than their noise: their interquartile ranges overlap, so the
     * middle half of one net's runs reaches into the other's.
     */
    public static boolean withinNoise(Profile a, Profile b) {
        return a.q1Ms() <= b.q3Ms() && b.q1Ms() <= a.q3Ms();
    }
}
