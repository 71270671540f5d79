package io.archexplorer.engine.runtime.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * How many threads a kernel may use, backed by a caller-owned pool. Kernels split their work into independent
 * parts and call {@link #run}; part 0 always runs on the calling thread, so one thread costs no hand-off and
 * {@code t} threads need only {@code t - 1} pool workers. The caller waits for the pool's parts, so a kernel
 * must not be called with a {@code Parallelism} from a worker of that same (bounded) pool: the parts it waits
 * for could be queued behind it.
 */
public final class Parallelism {

    public static final Parallelism SINGLE_THREAD = new Parallelism(null, 1);

    private final ExecutorService pool;
    private final int threads;

    private Parallelism(ExecutorService pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /**
     * @param pool    runs parts 1..threads-1; it should have at least {@code threads - 1} workers, or the parts
     *                are serialized behind each other (still correct, just slower)
     * @param threads total threads including the caller
     */
    public static Parallelism of(ExecutorService pool, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        if (threads > 1 && pool == null) {
            throw new IllegalArgumentException("a pool is required for more than one thread");
        }
        return threads == 1 ? SINGLE_THREAD : new Parallelism(pool, threads);
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code item.accept(i)} for every i in [0, items) on up to {@link #threads()} threads, each taking the
     * next unclaimed item when it finishes one. Unlike a fixed split, a thread slowed down by anything else on
     * the machine just ends up doing fewer items instead of holding everyone up.
     */
    public void forEach(int items, IntConsumer item) {
        AtomicInteger next = new AtomicInteger();
        run(Math.min(threads, items), part -> {
            for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                item.accept(i);
            }
        });
    }

    /** Runs {@code part.accept(i)} for i in [0, parts) and returns when all are done; rethrows the first failure. */
    public void run(int parts, IntConsumer part) {
        if (parts == 1 || threads == 1) {
            for (int i = 0; i < parts; i++) {
                part.accept(i);
            }
            return;
        }
        List<Future<?>> others = new ArrayList<>(parts - 1);
        for (int i = 1; i < parts; i++) {
            int index = i;
            others.add(pool.submit(() -> part.accept(index)));
        }
        RuntimeException failure = null;
        try {
            part.accept(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> other : others) {
            try {
                other.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new IllegalStateException("interrupted while waiting for kernel threads", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
