package io.archexplorer.engine.runtime.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Worker threads for the kernels' parallel loops, tuned for hand-off latency rather than throughput of
 * independent tasks. A net runs hundreds of kernels per inference, many of them a few microseconds long; an
 * {@link java.util.concurrent.ExecutorService} parks and unparks a thread on every submit and every
 * {@code Future.get}, which costs tens of microseconds each time and made small nets slower on two threads than
 * on one. Here the caller publishes the loop in a volatile field, workers that finished the previous loop are
 * still spinning and pick it up at once, every thread (the caller included) claims parts from a shared counter,
 * and the caller spins until the last part is done. Workers park only after {@value #SPIN_NANOS} ns without work,
 * so an idle pool costs no CPU — the spin-then-park policy of production runtimes' thread pools.
 */
public final class WorkerPool implements AutoCloseable {
    private static final long SPIN_NANOS = 200_000;

    /** One parallel loop: parts are claimed from {@code next}; {@code done} counts finished parts. */
    private static final class Loop {
        final int parts;
        final IntConsumer body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();

        Loop(int parts, IntConsumer body) {
            this.parts = parts;
            this.body = body;
        }

        /** Claims and runs parts until none are left. */
        void work() {
            for (int i = next.getAndIncrement(); i < parts; i = next.getAndIncrement()) {
                try {
                    body.accept(i);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } catch (Error e) {
                    failure.compareAndSet(null, new IllegalStateException(e));
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private final Thread[] workers;
    /** 1 while worker w is parked or about to park; volatile accesses, as the hand-shake with run() needs. */
    private final AtomicIntegerArray parked;
    private volatile Loop current;
    private volatile long generation;
    private volatile boolean closed;

    /** @param workers threads besides the caller's */
    public WorkerPool(int workers) {
        this.workers = new Thread[workers];
        this.parked = new AtomicIntegerArray(workers);
        for (int w = 0; w < workers; w++) {
            int index = w;
            Thread t = new Thread(() -> workLoop(index), "explorer-kernels-" + w);
            t.setDaemon(true);
            this.workers[w] = t;
            t.start();
        }
    }

    /** Threads that run a loop: the workers plus the caller. */
    public int threads() {
        return workers.length + 1;
    }

    /**
     * Runs {@code body.accept(i)} for every i in [0, parts), on the caller and the workers, and returns when all
     * parts are done; rethrows the first failure. Not re-entrant: one loop at a time, from one caller thread.
     */
    public void run(int parts, IntConsumer body) {
        Loop loop = new Loop(parts, body);
        current = loop;
        generation++;
        for (int w = 0; w < workers.length; w++) {
            if (parked.get(w) == 1) {
                LockSupport.unpark(workers[w]);
            }
        }
        loop.work();
        while (loop.done.get() < parts) {
            Thread.onSpinWait();
        }
        RuntimeException failure = loop.failure.get();
        if (failure != null) {
            throw failure;
        }
    }

    private void workLoop(int index) {
        long seen = 0;
        while (!closed) {
            long spinStart = System.nanoTime();
            while (generation == seen && !closed) {
                if (System.nanoTime() - spinStart < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                // Publish "parked" before the last look at the generation: run() writes the generation before
                // it reads the flag, so either this look sees the new loop or run() sees the flag and unparks.
                parked.set(index, 1);
                if (generation == seen && !closed) {
                    LockSupport.park(this);
                }
                parked.set(index, 0);
                spinStart = System.nanoTime();
            }
            if (closed) {
                return;
            }
            seen = generation;
            Loop loop = current;
            if (loop != null) {
                loop.work();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
    }
}
