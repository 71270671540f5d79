package io.archexplorer.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/** Comparisons of runtime outputs with the reference executor. */
public final class RuntimeAssertions {
    private RuntimeAssertions() {
    }

    /**
     * Asserts |actual − expected| ≤ tolerance · max|expected| for every element: a relative error on the scale of
     * the output, which float32 accumulation order (blocked GEMM, folded batchnorm) legitimately perturbs.
     */
    public static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1e-6;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            if (!(error <= tolerance * scale)) {
                fail(String.format("%s: element %d is %s, expected %s (error %.3g of scale %.3g)", what, i,
                        actual[i], expected[i], error / scale, scale));
            }
        }
    }

    public static float[] randomInput(int length, long seed) {
        Random r = new Random(seed);
        float[] x = new float[length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}
