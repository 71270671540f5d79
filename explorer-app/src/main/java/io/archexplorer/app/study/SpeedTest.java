package io.archexplorer.app.study;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.engine.runtime.Profiler;
import io.archexplorer.engine.runtime.ProgressListener;
import io.archexplorer.engine.runtime.RuntimeOptions;
import io.archexplorer.engine.runtime.SyntheticInput;
import java.util.concurrent.CancellationException;

/**
 * Runs a model on this CPU and measures it, the same way for the window, {@code explorer bench} and the labs: the
 * model's own weights (or weights from a seed), a standard-normal input from the same seed, the engine's measuring
 * protocol ({@link MeasurePlan}).
 */
public final class SpeedTest {
    /** The seed of generated weights and of the input when none is given. */
    public static final long DEFAULT_SEED = 42;

    private SpeedTest() {
    }

    /**
     * The outcome, with what the compiled net needed.
     *
     * @param net the net that ran (the model's, at the batch asked for)
     */
    public record Result(Profile profile, Net net, RuntimeOptions options, long weightBytes, long activationBytes) {
    }

    /**
     * @param net the model's net, or the same at another batch
     * @throws io.archexplorer.engine.memory.InsufficientMemoryException when it does not fit in the heap
     * @throws IllegalArgumentException for a net the runtime cannot run (an opaque layer, an op without a kernel)
     * @throws CancellationException when {@code cancel} is set
     */
    public static Result run(LoadedModel model, Net net, long seed, RuntimeOptions options, MeasurePlan plan,
                             ProgressListener progress, CancellationToken cancel) {
        try (CompiledNet compiled = model.compile(net, seed, options)) {
            float[] input = SyntheticInput.standardNormal(net.inputShape().elements(), seed);
            Profile p = Profiler.measure(compiled, input, plan, progress, cancel);
            return new Result(p, net, options, compiled.weightBytes(), compiled.activationBytes());
        }
    }

    /** A variant under its run settings, with the standard protocol: what the window shows. */
    public static Measurement measure(Variant v, RunSettings settings, ProgressListener progress,
                                      CancellationToken cancel) {
        Net net = v.net().inputShape().n() == settings.batch() ? v.net() : v.net().withBatch(settings.batch());
        Result r = run(v.model(), net, DEFAULT_SEED, settings.runtimeOptions(), MeasurePlan.standard(), progress,
                cancel);
        return new Measurement(v, settings, r.profile());
    }
}
