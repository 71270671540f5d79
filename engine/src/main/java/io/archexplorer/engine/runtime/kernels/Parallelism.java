package io.archexplorer.engine.runtime.kernels;

import java.util.function.IntConsumer;

/**
 * How many threads a kernel may use, backed by a caller-owned {@link WorkerPool}. Kernels split their work into
 * independent parts and call {@link #run}; the calling thread always takes parts too, so one thread costs no
 * hand-off and {@code t} threads need only {@code t - 1} workers. Parts are claimed one by one, so a thread slowed
 * down by anything else on the machine just ends up doing fewer parts instead of holding everyone up.
 */
public final class Parallelism {

    public static final Parallelism SINGLE_THREAD = new Parallelism(null, 1);

    private final WorkerPool pool;
    private final int threads;

    private Parallelism(WorkerPool pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /** All the pool's threads plus the caller's; a pool without workers means one thread. */
    public static Parallelism of(WorkerPool pool) {
        return pool.threads() == 1 ? SINGLE_THREAD : new Parallelism(pool, pool.threads());
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code part.accept(i)} for i in [0, parts) and returns when all are done; rethrows the first failure. */
    public void run(int parts, IntConsumer part) {
        if (parts == 1 || threads == 1) {
            for (int i = 0; i < parts; i++) {
                part.accept(i);
            }
            return;
        }
        pool.run(parts, part);
    }
}
