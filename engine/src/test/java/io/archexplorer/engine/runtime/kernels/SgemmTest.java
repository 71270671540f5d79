package io.archexplorer.engine.runtime.kernels;

import static io.archexplorer.engine.runtime.kernels.KernelAssertions.threads;
import static io.archexplorer.engine.runtime.kernels.KernelAssertions.abs;
import static io.archexplorer.engine.runtime.kernels.KernelAssertions.assertClose;
import static io.archexplorer.engine.runtime.kernels.KernelAssertions.magnitudeOf;
import static io.archexplorer.engine.runtime.kernels.KernelAssertions.random;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SgemmTest {

    private static final int[] ODD_SIZES = {1, 3, 7, 17, 63, 65, 129};

    @Test
    void everyCombinationOfOddSizesMatchesReference() {
        for (int m : ODD_SIZES) {
            for (int n : ODD_SIZES) {
                for (int k : ODD_SIZES) {
                    Random random = new Random(m * 10007L + n * 101L + k);
                    FusedActivation activation = FusedActivation.values()[random.nextInt(FusedActivation.values().length)];
                    Epilogue epilogue = random.nextBoolean() ? Epilogue.of(random(random, m), activation)
                            : new Epilogue(null, 0, activation);
                    checkAgainstReference(random, m, n, k, random.nextBoolean(), epilogue, Parallelism.SINGLE_THREAD);
                }
            }
        }
    }

    @Test
    void shapesCrossingEveryBlockBoundaryMatchReference() {
        Random random = new Random(42);
        Parallelism twoThreads = threads(2);
        checkAgainstReference(random, 200, 1100, 600, true, Epilogue.of(random(random, 200), FusedActivation.RELU6),
                Parallelism.SINGLE_THREAD);
        checkAgainstReference(random, 5, 2100, 300, false, Epilogue.of(random(random, 5), FusedActivation.RELU),
                twoThreads);
        checkAgainstReference(random, 513, 49, 520, false, Epilogue.NONE, twoThreads);
        checkAgainstReference(random, 1000, 1, 2048, false, Epilogue.of(random(random, 1000), FusedActivation.NONE),
                twoThreads);
    }

    @Test
    void multithreadedResultsEqualSingleThreadedResults() {
        int[][] shapes = {{256, 784, 300}, {512, 49, 600}, {1000, 3, 2048}, {7, 3000, 64}, {33, 33, 33}};
        for (int threads = 2; threads <= 3; threads++) {
            Parallelism parallelism = threads(threads);
            for (int[] shape : shapes) {
                int m = shape[0];
                int n = shape[1];
                int k = shape[2];
                Random random = new Random(m + n + k);
                float[] a = random(random, m * k);
                float[] b = random(random, k * n);
                Epilogue epilogue = Epilogue.of(random(random, m), FusedActivation.RELU);
                float[] single = new float[m * n];
                float[] multi = new float[m * n];
                Sgemm.multiply(m, n, k, a, 0, k, b, 0, n, single, 0, n, false, epilogue, Parallelism.SINGLE_THREAD);
                Sgemm.multiply(m, n, k, a, 0, k, b, 0, n, multi, 0, n, false, epilogue, parallelism);
                float[] magnitude = new float[m * n];
                ReferenceKernels.gemm(m, n, k, abs(a), 0, k, abs(b), 0, n, magnitude, 0, n, false,
                        magnitudeOf(epilogue));
                assertClose(m + "x" + n + "x" + k + " on " + threads + " threads", single, magnitude, multi);
            }
        }
    }

    @Test
    void emptyInnerDimensionLeavesOnlyTheEpilogue() {
        float[] c = {5f, -5f, 1f, 2f};
        Sgemm.multiply(2, 2, 0, new float[0], 0, 0, new float[0], 0, 2, c, 0, 2, true,
                Epilogue.of(new float[] {1f, -10f}, FusedActivation.RELU), Parallelism.SINGLE_THREAD);
        assertClose("k = 0", new float[] {6f, 0f, 0f, 0f}, new float[4], c);
    }

    @Test
    void rejectsOperandsThatDoNotFit() {
        float[] small = new float[10];
        assertThrows(IllegalArgumentException.class,
                () -> Sgemm.multiply(4, 4, 4, small, 0, 4, new float[16], 0, 4, new float[16], 0, 4));
        assertThrows(IllegalArgumentException.class,
                () -> Sgemm.multiply(2, 2, 4, new float[8], 0, 3, new float[8], 0, 2, new float[4], 0, 2));
    }

    /** Runs with padded leading dimensions and offsets so that stray reads or writes would show. */
    private static void checkAgainstReference(Random random, int m, int n, int k, boolean accumulate,
                                              Epilogue epilogue, Parallelism parallelism) {
        int lda = k + 1;
        int ldb = n + 2;
        int ldc = n + 3;
        int aOffset = 3;
        int bOffset = 5;
        int cOffset = 7;
        float[] a = random(random, aOffset + m * lda);
        float[] b = random(random, bOffset + k * ldb);
        float[] initial = random(random, cOffset + m * ldc + 4);
        float[] expected = initial.clone();
        float[] actual = initial.clone();
        float[] magnitude = abs(initial);
        ReferenceKernels.gemm(m, n, k, a, aOffset, lda, b, bOffset, ldb, expected, cOffset, ldc, accumulate, epilogue);
        ReferenceKernels.gemm(m, n, k, abs(a), aOffset, lda, abs(b), bOffset, ldb, magnitude, cOffset, ldc,
                accumulate, magnitudeOf(epilogue));
        Sgemm.multiply(m, n, k, a, aOffset, lda, b, bOffset, ldb, actual, cOffset, ldc, accumulate, epilogue,
                parallelism);
        assertClose(m + "x" + n + "x" + k + (accumulate ? " accumulating" : "") + " " + epilogue.activation(),
                expected, magnitude, actual);
    }
}
