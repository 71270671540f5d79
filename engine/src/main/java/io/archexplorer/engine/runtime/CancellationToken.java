package io.archexplorer.engine.runtime;

import java.util.concurrent.atomic.AtomicBoolean;

/** Lets another thread stop a run or a measurement between two steps. */
public final class CancellationToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A token nobody cancels. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
