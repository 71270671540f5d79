package io.archexplorer.engine.runtime.kernels;

import jdk.incubator.vector.FloatVector;

/**
 * Pointwise activation fused into a kernel's output write, so the output tile is touched once while it is
 * still in registers instead of in a second pass over memory.
 */
public enum Activation {
    NONE, RELU, RELU6;

    public FloatVector apply(FloatVector x) {
        return switch (this) {
            case NONE -> x;
            case RELU -> x.max(0f);
            case RELU6 -> x.max(0f).min(6f);
        };
    }

    public float apply(float x) {
        return switch (this) {
            case NONE -> x;
            case RELU -> Math.max(x, 0f);
            case RELU6 -> Math.min(Math.max(x, 0f), 6f);
        };
    }
}
