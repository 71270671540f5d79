package io.archexplorer.app.window;

import io.archexplorer.engine.memory.InsufficientMemoryException;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.engine.runtime.Profiler;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures variants in the background, one at a time: a new request cancels the one waiting or running, so a
 * lecturer turning a knob never waits for the speed of a variant already gone. Requests wait a short while
 * first (debounce), so a slider drag measures only where it stops.
 */
final class SpeedMeter {
    /** What the meter tells the window; every call arrives on the FX thread. */
    interface Listener {
        void progress(Variant v, String status, double fraction);

        void measured(Measurement m);

        void failed(Variant v, String message);
    }

    /** Aim for about this much measured time per variant: long enough for a stable median, short for a class. */
    private static final double MEASURE_BUDGET_MS = 1200;
    private static final int MIN_RUNS = 5;
    private static final int MAX_RUNS = 300;
    /** Warm-up until the JIT has finished the kernels the net uses (see {@link #warmUp}). */
    private static final double WARMUP_MIN_MS = 1000;
    private static final double WARMUP_STABLE_MS = 500;
    private static final double WARMUP_MAX_MS = 6000;
    private static final int MIN_WARMUP = 3;
    private static final long SEED = 1;
    private static final long PROGRESS_INTERVAL_NANOS = 300_000_000L;

    private final Executor fx;
    private final Listener listener;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "explorer-measure");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> scheduled;
    private CancellationToken running = CancellationToken.none();

    SpeedMeter(Executor fx, Listener listener) {
        this.fx = fx;
        this.listener = listener;
    }

    /** Called on the FX thread. */
    void request(Variant v, RunSettings settings, long delayMs) {
        cancel();
        CancellationToken token = new CancellationToken();
        running = token;
        scheduled = thread.schedule(() -> measure(v, settings, token), delayMs, TimeUnit.MILLISECONDS);
    }

    /** Called on the FX thread: drops the waiting request and stops the running one at its next layer. */
    void cancel() {
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        running.cancel();
    }

    private void measure(Variant v, RunSettings settings, CancellationToken token) {
        if (token.isCancelled()) {
            return;
        }
        fx.execute(() -> listener.progress(v, "preparing weights…", -1));
        try (CompiledNet net = CompiledNet.create(v.net().withBatch(settings.batch()), SEED,
                Variants.runtimeOptions(settings))) {
            float[] input = randomInput(net.net().inputShape().elements());
            fx.execute(() -> listener.progress(v, "warming up…", -1));
            double warmMs = warmUp(net, input, token);
            int runs = (int) Math.max(MIN_RUNS, Math.min(MAX_RUNS, MEASURE_BUDGET_MS / Math.max(warmMs, 1e-3)));
            long[] lastReport = {0};
            Profile p = Profiler.measure(net, input, 0, runs, (done, total) -> {
                // A few updates a second: each repaints the status bar, which on a 2-core laptop takes CPU
                // from the very runs being timed.
                long now = System.nanoTime();
                if (!token.isCancelled() && (now - lastReport[0] > PROGRESS_INTERVAL_NANOS || done == total)) {
                    lastReport[0] = now;
                    fx.execute(() -> listener.progress(v, "measuring " + done + "/" + total, done / (double) total));
                }
            }, token);
            if (!token.isCancelled()) {
                fx.execute(() -> listener.measured(new Measurement(v, settings, p)));
            }
        } catch (CancellationException e) {
            // A newer variant took over; it reports for itself.
        } catch (InsufficientMemoryException | IllegalArgumentException e) {
            report(v, token, e.getMessage());
        } catch (OutOfMemoryError e) {
            report(v, token, "ran out of memory measuring " + v.name() + "; lower the batch or the resolution");
        }
    }

    /**
     * Runs the net until its speed stops improving: a fresh window has compiled no kernel yet, and the JIT keeps
     * compiling for a few seconds on a 2-core laptop (a fixed count of runs would time the interpreter on a small
     * net). Stops once no run has been 3 % faster than the best for half a second, after at least
     * {@link #MIN_WARMUP} runs and {@link #WARMUP_MIN_MS}, and at the latest after {@link #WARMUP_MAX_MS}. Returns
     * the best run's time, to size the measurement.
     */
    private static double warmUp(CompiledNet net, float[] input, CancellationToken token) {
        long[] stepNanos = new long[net.steps().size()];
        long start = System.nanoTime();
        long lastGain = start;
        double best = Double.MAX_VALUE;
        int done = 0;
        while (true) {
            long t0 = System.nanoTime();
            net.run(input, token, stepNanos);
            long t1 = System.nanoTime();
            double ms = (t1 - t0) / 1e6;
            if (ms < best * 0.97) {
                lastGain = t1;
            }
            best = Math.min(best, ms);
            done++;
            double elapsedMs = (t1 - start) / 1e6;
            boolean settled = (t1 - lastGain) / 1e6 >= WARMUP_STABLE_MS && elapsedMs >= WARMUP_MIN_MS;
            if (done >= MIN_WARMUP && (settled || elapsedMs >= WARMUP_MAX_MS)) {
                return best;
            }
        }
    }

    private void report(Variant v, CancellationToken token, String message) {
        if (!token.isCancelled()) {
            fx.execute(() -> listener.failed(v, message));
        }
    }

    /** Values do not change the speed of dense kernels, but zeros could hide denormal or NaN slowdowns. */
    private static float[] randomInput(long elements) {
        SplittableRandom random = new SplittableRandom(SEED);
        float[] x = new float[Math.toIntExact(elements)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    void shutdown() {
        cancel();
        thread.shutdownNow();
    }
}
