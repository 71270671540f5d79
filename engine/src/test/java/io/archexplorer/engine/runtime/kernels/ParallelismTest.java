package io.archexplorer.engine.runtime.kernels;

import static io.archexplorer.engine.runtime.kernels.KernelAssertions.POOL;
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
            Parallelism parallelism = Parallelism.of(POOL, threads);
            AtomicIntegerArray runs = new AtomicIntegerArray(37);
            parallelism.forEach(runs.length(), runs::incrementAndGet);
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
        Parallelism parallelism = Parallelism.of(POOL, 2);
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> parallelism.run(2, part -> {
            if (part == 1) {
                throw new IllegalStateException("part 1");
            }
        }));
        assertEquals("part 1", failure.getMessage());
    }

    @Test
    void oneThreadNeedsNoPool() {
        assertEquals(Parallelism.SINGLE_THREAD, Parallelism.of(null, 1));
        assertThrows(IllegalArgumentException.class, () -> Parallelism.of(null, 2));
    }
}
