package io.archexplorer.app.window;

import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.InsufficientMemoryException;
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
    private static final int MAX_RUNS = 30;
    private static final int WARMUP = 2;
    private static final long SEED = 1;

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
            long t0 = System.nanoTime();
            net.run(input, token, new long[net.steps().size()]);
            double firstMs = (System.nanoTime() - t0) / 1e6;
            int runs = (int) Math.max(MIN_RUNS, Math.min(MAX_RUNS, MEASURE_BUDGET_MS / Math.max(firstMs, 1e-3)));
            Profile p = Profiler.measure(net, input, WARMUP, runs, (done, total) -> {
                if (!token.isCancelled()) {
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
