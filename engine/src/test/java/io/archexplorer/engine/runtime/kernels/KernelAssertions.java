package io.archexplorer.engine.runtime.kernels;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;

/** Random operands and the relative-tolerance comparison shared by the kernel tests. */
final class KernelAssertions {

    /** Allowed error relative to the magnitude (sum of absolute terms) of each output value. */
    static final double RELATIVE_TOLERANCE = 1e-4;

    /** Workers for multithreaded runs; daemon threads that park when idle, so the pools need no shutdown. */
    private static final WorkerPool ONE_WORKER = new WorkerPool(1);
    private static final WorkerPool TWO_WORKERS = new WorkerPool(2);

    /** {@code n} threads (1 to 3), the caller's included. */
    static Parallelism threads(int n) {
        return switch (n) {
            case 1 -> Parallelism.SINGLE_THREAD;
            case 2 -> Parallelism.of(ONE_WORKER);
            case 3 -> Parallelism.of(TWO_WORKERS);
            default -> throw new IllegalArgumentException("1 to 3 threads, got " + n);
        };
    }

    /** The signature shared by the convolution kernels. */
    interface Convolution {
        void forward(ConvGeometry g, float[] input, int inputOffset, float[] weights, int weightOffset,
                     Epilogue epilogue, float[] output, int outputOffset, Parallelism parallelism);
    }

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
                : new Epilogue(abs(epilogue.rowBias()), epilogue.biasOffset(), FusedActivation.NONE);
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

    /**
     * Runs {@code kernel} with operands at non-zero offsets inside larger arrays and compares it with
     * {@link ReferenceKernels#conv}; also checks that the floats around the output are untouched.
     */
    static void checkConvolution(Convolution kernel, ConvGeometry g, Parallelism parallelism) {
        Random random = new Random(g.hashCode());
        float[] input = random(random, g.inputSize());
        float[] weights = random(random, g.weightSize());
        Epilogue epilogue = Epilogue.of(random(random, g.outChannels()), FusedActivation.RELU);
        float[] expected = new float[g.outputSize()];
        float[] magnitude = new float[g.outputSize()];
        ReferenceKernels.conv(g, input, weights, epilogue, expected);
        ReferenceKernels.conv(g, abs(input), abs(weights), magnitudeOf(epilogue), magnitude);
        int inputOffset = 3;
        int weightOffset = 5;
        int outputOffset = 7;
        float[] paddedOutput = new float[outputOffset + expected.length + 2];
        Arrays.fill(paddedOutput, -9f);
        kernel.forward(g, shifted(input, inputOffset), inputOffset, shifted(weights, weightOffset), weightOffset,
                epilogue, paddedOutput, outputOffset, parallelism);
        float[] actual = Arrays.copyOfRange(paddedOutput, outputOffset, outputOffset + expected.length);
        assertClose(g + " on " + parallelism.threads() + " threads", expected, magnitude, actual);
        for (int i = 0; i < paddedOutput.length; i++) {
            if ((i < outputOffset || i >= outputOffset + expected.length) && paddedOutput[i] != -9f) {
                fail(g + ": wrote outside the output at " + i);
            }
        }
    }

    private static float[] shifted(float[] values, int offset) {
        float[] result = new float[offset + values.length + 2];
        System.arraycopy(values, 0, result, offset, values.length);
        return result;
    }
}
