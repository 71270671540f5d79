package io.archexplorer.engine.runtime.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/** Random operands and the relative-tolerance comparison shared by the kernel tests. */
final class KernelAssertions {

    /** Allowed error relative to the magnitude (sum of absolute terms) of each output value. */
    static final double RELATIVE_TOLERANCE = 1e-4;

    private KernelAssertions() {
    }

    static float[] random(Random random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    static float[] abs(float[] values) {
        float[] result = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.abs(values[i]);
        }
        return result;
    }

    /** Same bias with absolute values and no activation: what the magnitude reference run needs. */
    static Epilogue magnitudeOf(Epilogue epilogue) {
        return epilogue.rowBias() == null ? Epilogue.NONE
                : new Epilogue(abs(epilogue.rowBias()), epilogue.biasOffset(), Activation.NONE);
    }

    static void assertClose(String what, float[] expected, float[] magnitude, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            double allowed = RELATIVE_TOLERANCE * magnitude[i] + 1e-6;
            if (!(Math.abs(expected[i] - actual[i]) <= allowed)) {
                fail(what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]
                        + " (allowed error " + allowed + ")");
            }
        }
    }
}
