package io.archexplorer.app.window;

import io.archexplorer.app.study.Measurement;
import io.archexplorer.app.study.RunSettings;
import io.archexplorer.app.study.SpeedTest;
import io.archexplorer.app.study.Variant;
import io.archexplorer.app.study.VariantException;
import io.archexplorer.engine.memory.InsufficientMemoryException;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.ProgressListener;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Measures variants in the background, one at a time, with the study layer's {@link SpeedTest} (the protocol
 * {@code explorer bench} uses too): a new request cancels the one waiting or running, so a lecturer turning a knob
 * never waits for the speed of a variant already gone. Requests wait a short while first (debounce), so a slider
 * drag measures only where it stops.
 */
final class SpeedMeter {
    /** What the meter tells the window; every call arrives on the FX thread. */
    interface Listener {
        void progress(Variant v, String status, double fraction);

        void measured(Measurement m);

        void failed(Variant v, String message);
    }

    private static final long PROGRESS_INTERVAL_NANOS = 300_000_000L;

    private final Executor fx;
    private final Listener listener;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("explorer-measure"));
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
        try {
            Measurement m = SpeedTest.measure(v, settings, new ProgressListener() {
                private long lastReport;

                @Override
                public void warmingUp(int done) {
                    if (due(false)) {
                        fx.execute(() -> listener.progress(v, "warming up… (" + done + " runs)", -1));
                    }
                }

                @Override
                public void progress(int done, int total) {
                    if (due(done == total)) {
                        fx.execute(() -> listener.progress(v, "measuring " + done + "/" + total,
                                done / (double) total));
                    }
                }

                /** A few updates a second: each repaints the status bar, which on a 2-core laptop takes CPU from
                 *  the very runs being timed. */
                private boolean due(boolean last) {
                    long now = System.nanoTime();
                    if (token.isCancelled() || (now - lastReport < PROGRESS_INTERVAL_NANOS && !last)) {
                        return false;
                    }
                    lastReport = now;
                    return true;
                }
            }, token);
            if (!token.isCancelled()) {
                fx.execute(() -> listener.measured(m));
            }
        } catch (CancellationException e) {
            // A newer variant took over; it reports for itself.
        } catch (InsufficientMemoryException | IllegalArgumentException | VariantException e) {
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

    void shutdown() {
        cancel();
        thread.shutdownNow();
    }
}
