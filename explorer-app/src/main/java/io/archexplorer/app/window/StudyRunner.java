package io.archexplorer.app.window;

import io.archexplorer.app.study.VariantException;
import io.archexplorer.engine.memory.InsufficientMemoryException;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.ProgressListener;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Runs the labs', sweeps' and atlas' long jobs on one background thread, one at a time (two measurements at once
 * would each disturb the other), with progress, a status line and Cancel; results come back through {@code fx}.
 * Before a job measures, the window's own measurement of the current variant is stopped, for the same reason.
 */
final class StudyRunner {
    /** A job: given where to report progress and the token to check, returns its result. */
    @FunctionalInterface
    interface Job<T> {
        T run(ProgressListener progress, CancellationToken cancel);
    }

    private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

    private final Executor fx;
    private final Runnable stopOtherMeasuring;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("explorer-study"));
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private CancellationToken token = CancellationToken.none();

    StudyRunner(Executor fx, Runnable stopOtherMeasuring) {
        this.fx = fx;
        this.stopOtherMeasuring = stopOtherMeasuring;
    }

    /**
     * Starts {@code job} unless one is running (called on the FX thread).
     *
     * @param what e.g. "measuring G1", for the status line
     * @param done called on the FX thread with the result, unless cancelled or failed
     * @return false when another job is still running
     */
    <T> boolean start(String what, boolean measures, Job<T> job, Consumer<T> done) {
        if (running.get()) {
            return false;
        }
        if (measures) {
            stopOtherMeasuring.run();
        }
        CancellationToken t = new CancellationToken();
        token = t;
        running.set(true);
        progress.set(-1);
        status.set(what + "…");
        thread.execute(() -> {
            try {
                T result = job.run(listener(what, t), t);
                fx.execute(() -> {
                    running.set(false);
                    progress.set(1);
                    status.set(what + ": done");
                    done.accept(result);
                });
            } catch (CancellationException e) {
                fx.execute(() -> finish("cancelled"));
            } catch (VariantException | InsufficientMemoryException | IllegalArgumentException e) {
                fx.execute(() -> finish(what + " failed: " + e.getMessage()));
            } catch (OutOfMemoryError e) {
                fx.execute(() -> finish(what + " ran out of memory"));
            }
        });
        return true;
    }

    private void finish(String message) {
        running.set(false);
        progress.set(0);
        status.set(message);
    }

    /** Stops the running job at its next step (called on the FX thread). */
    void cancel() {
        token.cancel();
    }

    private ProgressListener listener(String what, CancellationToken t) {
        return new ProgressListener() {
            private long last;

            @Override
            public void progress(int done, int total) {
                if (due(done == total)) {
                    fx.execute(() -> {
                        progress.set(done / (double) total);
                        status.set(what + ": " + done + "/" + total + " runs");
                    });
                }
            }

            @Override
            public void warmingUp(int done) {
                if (due(false)) {
                    fx.execute(() -> status.set(what + ": warming up (" + done + " runs)"));
                }
            }

            /** A few updates a second: each repaints, which takes CPU from the runs being timed. */
            private boolean due(boolean last) {
                long now = System.nanoTime();
                if (t.isCancelled() || now - this.last < PROGRESS_INTERVAL_NANOS && !last) {
                    return false;
                }
                this.last = now;
                return true;
            }
        };
    }

    void shutdown() {
        token.cancel();
        thread.shutdownNow();
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    ReadOnlyStringProperty statusProperty() {
        return status;
    }
}
