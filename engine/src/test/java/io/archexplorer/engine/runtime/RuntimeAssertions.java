package io.archexplorer.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.weights.LayerWeights;
import io.archexplorer.engine.weights.NetWeights;
import java.util.Arrays;
import java.util.List;
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
        assertClose(expected, actual, tolerance, 0, what);
    }

    /** As above, on a scale of at least {@code minScale}. */
    static void assertClose(double[] expected, float[] actual, double tolerance, double minScale, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = Math.max(1e-6, minScale);
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

    /**
     * Runs the compiled net and compares every step's output (not only the last) with the reference value of the
     * layer the step ends with: an error in one layer cannot hide behind a later layer that shrinks it.
     */
    public static void assertEveryStepClose(Net net, NetWeights weights, CompiledNet compiled, float[] input,
                                            double tolerance) {
        double[][] expected = ReferenceExecutor.runAll(net, weights, input);
        int[] checked = {0};
        compiled.run(input, (step, buffer, length) -> {
            List<String> absorbed = step.absorbed();
            String last = absorbed.isEmpty() ? step.name() : absorbed.get(absorbed.size() - 1);
            assertClose(expected[net.indexOf(last)], Arrays.copyOf(buffer, length), tolerance,
                    gateInputScale(net, expected, last), net.name() + " step " + step.name() + " (up to " + last + ")");
            checked[0]++;
        });
        assertEquals(compiled.steps().size(), checked[0], "every step was compared");
    }

    /**
     * A squeeze-and-excitation gate squashes its input of scale S into [0, 1] with slope at most L (¼ for sigmoid,
     * ⅙ for hard-sigmoid): the error it inherits shrinks by L at most, not to the output's scale, so its output is
     * compared on the scale L · S. Other layers: 0.
     */
    private static double gateInputScale(Net net, double[][] expected, String layer) {
        Layer l = net.layer(net.indexOf(layer));
        if (!(l.op() instanceof Activation a) || l.inputs().size() != 1) {
            return 0;
        }
        double slope = switch (a.function()) {
            case SIGMOID -> 0.25;
            case HARD_SIGMOID -> 1.0 / 6;
            default -> 0;
        };
        double inputScale = 0;
        for (double e : expected[net.indexOf(l.inputs().get(0))]) {
            inputScale = Math.max(inputScale, Math.abs(e));
        }
        return slope * inputScale;
    }

    /**
     * Non-trivial batchnorm statistics and scale factors, so folding them into the convolution is really exercised.
     * Caffe's Scale layers have γ and maybe β, but no statistics.
     */
    public static void perturbBatchNorm(NetWeights weights, long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < weights.size(); i++) {
            LayerWeights w = weights.layer(i);
            if (w.gamma() != null) {
                for (int c = 0; c < w.gamma().length; c++) {
                    w.gamma()[c] = 0.5f + r.nextFloat();
                    if (w.beta() != null) {
                        w.beta()[c] = (float) r.nextGaussian() * 0.1f;
                    }
                    if (w.mean() != null) {
                        w.mean()[c] = (float) r.nextGaussian() * 0.1f;
                        w.variance()[c] = 0.5f + r.nextFloat();
                    }
                }
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
