package io.archexplorer.engine.runtime.kernels;

import static io.archexplorer.engine.runtime.kernels.KernelAssertions.threads;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelismTest {

    @Test
    void forEachRunsEveryItemExactlyOnce() {
        for (int threads = 1; threads <= 3; threads++) {
            Parallelism parallelism = threads(threads);
            AtomicIntegerArray runs = new AtomicIntegerArray(37);
            parallelism.run(runs.length(), runs::incrementAndGet);
            int[] counts = new int[runs.length()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = runs.get(i);
            }
            int[] once = new int[counts.length];
            Arrays.fill(once, 1);
            assertArrayEquals(once, counts, threads + " threads");
        }
    }

    @Test
    void failureOfAnyPartReachesTheCaller() {
        Parallelism parallelism = threads(2);
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> parallelism.run(2, part -> {
            if (part == 1) {
                throw new IllegalStateException("part 1");
            }
        }));
        assertEquals("part 1", failure.getMessage());
    }

    @Test
    void aPoolWithoutWorkersIsOneThread() {
        try (WorkerPool none = new WorkerPool(0)) {
            assertEquals(Parallelism.SINGLE_THREAD, Parallelism.of(none));
        }
    }

    /** Loops follow each other without a pause: workers still spinning from one loop must pick up the next. */
    @Test
    void manyShortLoopsInARowEachRunEveryPartOnce() {
        Parallelism parallelism = threads(3);
        AtomicIntegerArray runs = new AtomicIntegerArray(5);
        for (int loop = 0; loop < 20_000; loop++) {
            parallelism.run(runs.length(), runs::incrementAndGet);
        }
        for (int i = 0; i < runs.length(); i++) {
            assertEquals(20_000, runs.get(i), "part " + i);
        }
    }
}
