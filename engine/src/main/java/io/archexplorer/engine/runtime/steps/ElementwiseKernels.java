package io.archexplorer.engine.runtime.steps;

import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.runtime.kernels.FusedActivation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise layers: activations, batchnorm as a per-channel affine map, sums and per-channel scaling. They
 * move memory and do almost no arithmetic (ShuffleNet V2's guideline 4), so each is one vectorized streaming pass
 * and may run in place (input and output the same array).
 */
public final class ElementwiseKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();

    private ElementwiseKernels() {
    }

    public static StepKernel activation(Activation.Function function, float[] in, float[] out, int count) {
        return p -> Split.run(p, count, 1, (from, to) -> activate(function, in, out, from, to));
    }

    private static void activate(Activation.Function f, float[] in, float[] out, int from, int to) {
        int i = from;
        for (; i + VL <= to; i += VL) {
            apply(f, FloatVector.fromArray(SPECIES, in, i)).intoArray(out, i);
        }
        for (; i < to; i++) {
            out[i] = apply(f, in[i]);
        }
    }

    static FloatVector apply(Activation.Function f, FloatVector x) {
        return switch (f) {
            case RELU -> x.max(0f);
            case RELU6 -> x.max(0f).min(6f);
            case SIGMOID -> sigmoid(x);
            case TANH -> x.lanewise(VectorOperators.TANH);
            case SWISH -> x.mul(sigmoid(x));
            case HARD_SIGMOID -> x.add(3f).max(0f).min(6f).div(6f);
            case HARD_SWISH -> x.mul(x.add(3f).max(0f).min(6f).div(6f));
        };
    }

    /**
     * 1 / (1 + e^−x), flushed to 0 below the smallest normal float: for x in (−88.7, −87.3) the quotient is a
     * denormal (below, e^−x overflows and it is 0 anyway), and denormals slow every later multiply by a gate many times.
     */
    private static FloatVector sigmoid(FloatVector x) {
        FloatVector s = FloatVector.broadcast(SPECIES, 1f).div(x.neg().lanewise(VectorOperators.EXP).add(1f));
        return s.blend(0f, s.lt(Float.MIN_NORMAL));
    }

    private static float sigmoid(float x) {
        float s = (float) (1 / (1 + Math.exp(-x)));
        return s < Float.MIN_NORMAL ? 0f : s;
    }

    static float apply(Activation.Function f, float x) {
        return switch (f) {
            case RELU -> Math.max(x, 0f);
            case RELU6 -> Math.min(Math.max(x, 0f), 6f);
            case SIGMOID -> sigmoid(x);
            case TANH -> (float) Math.tanh(x);
            case SWISH -> (float) (x / (1 + Math.exp(-x)));
            case HARD_SIGMOID -> Math.min(Math.max(x + 3f, 0f), 6f) / 6f;
            case HARD_SWISH -> x * Math.min(Math.max(x + 3f, 0f), 6f) / 6f;
        };
    }

    /**
     * out = act(in · scale[c] + shift[c]): the inference form of batchnorm (scale = γ/√(var+ε), shift = β −
     * mean·scale), with a following ReLU/ReLU6 applied in the same pass.
     */
    public static StepKernel affine(float[] scale, float[] shift, FusedActivation act, float[] in, float[] out,
                                    int batch, int channels, int plane) {
        return p -> Split.run(p, batch * channels, plane, (from, to) -> {
            for (int nc = from; nc < to; nc++) {
                int c = nc % channels;
                int base = nc * plane;
                FloatVector s = FloatVector.broadcast(SPECIES, scale[c]);
                FloatVector t = FloatVector.broadcast(SPECIES, shift[c]);
                int i = 0;
                for (; i + VL <= plane; i += VL) {
                    act.apply(FloatVector.fromArray(SPECIES, in, base + i).fma(s, t)).intoArray(out, base + i);
                }
                for (; i < plane; i++) {
                    out[base + i] = act.apply(in[base + i] * scale[c] + shift[c]);
                }
            }
        });
    }

    /** out = factor · in, element by element (Inception-ResNet's scaled residual branch). */
    public static StepKernel multiply(float factor, float[] in, float[] out, int count) {
        return p -> Split.run(p, count, 2, (from, to) -> {
            FloatVector f = FloatVector.broadcast(SPECIES, factor);
            int i = from;
            for (; i + VL <= to; i += VL) {
                FloatVector.fromArray(SPECIES, in, i).mul(f).intoArray(out, i);
            }
            for (; i < to; i++) {
                out[i] = in[i] * factor;
            }
        });
    }

    /** out = act(Σ inputs), element by element (a residual sum, with the ReLU that usually follows it). */
    public static StepKernel sum(float[][] inputs, FusedActivation act, float[] out, int count) {
        return combine(VectorOperators.ADD, act, inputs, out, count);
    }

    /** out = the product or the maximum of the inputs, element by element (Caffe's Eltwise PROD and MAX). */
    public static StepKernel combine(Elementwise.Operation operation, float[][] inputs, float[] out, int count) {
        VectorOperators.Binary op = operation == Elementwise.Operation.MUL ? VectorOperators.MUL : VectorOperators.MAX;
        return combine(op, FusedActivation.NONE, inputs, out, count);
    }

    private static StepKernel combine(VectorOperators.Binary op, FusedActivation act, float[][] inputs, float[] out,
                                      int count) {
        return p -> Split.run(p, count, inputs.length + 1, (from, to) -> {
            int i = from;
            for (; i + VL <= to; i += VL) {
                FloatVector acc = FloatVector.fromArray(SPECIES, inputs[0], i);
                for (int k = 1; k < inputs.length; k++) {
                    acc = acc.lanewise(op, FloatVector.fromArray(SPECIES, inputs[k], i));
                }
                act.apply(acc).intoArray(out, i);
            }
            if (i < to) {
                VectorMask<Float> tail = SPECIES.indexInRange(i, to);
                FloatVector acc = FloatVector.fromArray(SPECIES, inputs[0], i, tail);
                for (int k = 1; k < inputs.length; k++) {
                    acc = acc.lanewise(op, FloatVector.fromArray(SPECIES, inputs[k], i, tail));
                }
                act.apply(acc).intoArray(out, i, tail);
            }
        });
    }

    /**
     * out[n][c][·] = map[n][c][·] · factor[n][c]: a squeeze-and-excitation block's scaling. Products below the smallest
     * normal float are flushed to 0, as the sigmoid's gates are: a nearly closed gate times a small value would
     * otherwise be a denormal, which slows every later layer that reads it.
     */
    public static StepKernel scaleChannels(float[] map, float[] factors, float[] out, int batch, int channels,
                                           int plane) {
        return p -> Split.run(p, batch * channels, plane, (from, to) -> {
            for (int nc = from; nc < to; nc++) {
                int base = nc * plane;
                FloatVector f = FloatVector.broadcast(SPECIES, factors[nc]);
                int i = 0;
                for (; i + VL <= plane; i += VL) {
                    FloatVector v = FloatVector.fromArray(SPECIES, map, base + i).mul(f);
                    v.blend(0f, v.abs().lt(Float.MIN_NORMAL)).intoArray(out, base + i);
                }
                for (; i < plane; i++) {
                    float v = map[base + i] * factors[nc];
                    out[base + i] = Math.abs(v) < Float.MIN_NORMAL ? 0f : v;
                }
            }
        });
    }
}
