package io.archexplorer.engine.runtime.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * Pointwise activation fused into a kernel's output write, so the output tile is touched once while it is
 * still in registers instead of in a second pass over memory.
 *
 * <p>Every supported activation is a clamp to {@code [lower, upper]}, so applying one is a max and a min with
 * no branch: the method stays small enough that C2 always inlines it, which keeps the vector in a register
 * (a call that is not inlined would box the vector on the heap).
 */
public enum FusedActivation {
    NONE(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY),
    RELU(0f, Float.POSITIVE_INFINITY),
    RELU6(0f, 6f);

    private final float lower;
    private final float upper;

    FusedActivation(float lower, float upper) {
        this.lower = lower;
        this.upper = upper;
    }

    public FloatVector apply(FloatVector x) {
        return x.max(lower).min(upper);
    }

    public float apply(float x) {
        return Math.min(Math.max(x, lower), upper);
    }
}
