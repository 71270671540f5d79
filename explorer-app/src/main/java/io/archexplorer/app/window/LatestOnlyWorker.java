package io.archexplorer.app.window;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A background thread that runs only the newest of the tasks submitted while it was busy. Dragging a slider
 * submits a rebuild per pixel; the ones overtaken before they start are skipped, so the picture follows the
 * slider instead of replaying its history.
 */
final class LatestOnlyWorker {
    private final ExecutorService thread;
    private final AtomicReference<Runnable> pending = new AtomicReference<>();

    LatestOnlyWorker(String name) {
        thread = Executors.newSingleThreadExecutor(DaemonThreads.named(name));
    }

    void submit(Runnable task) {
        if (pending.getAndSet(task) == null) {
            thread.execute(this::drain);
        }
    }

    private void drain() {
        Runnable task = pending.getAndSet(null);
        if (task != null) {
            task.run();
        }
    }

    void shutdown() {
        thread.shutdownNow();
    }
}
