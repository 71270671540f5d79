package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/**
 * y = factor · x with one constant factor for the whole tensor: Inception-ResNet's scaling of a residual branch
 * before the sum (Szegedy et al. 2017, section 3.3, "scaling down the residuals"). It has no parameters and no
 * mult-adds (the papers' FLOPs count convolutions and fully connected layers only).
 */
public record ScalarMultiply(double factor) implements Op {
    public ScalarMultiply {
        if (!Double.isFinite(factor)) {
            throw new IllegalArgumentException("the factor must be a finite number, got " + factor);
        }
    }

    @Override
    public String kind() {
        return "scalar_mul";
    }

    @Override
    public String attributesSummary() {
        return "×" + factor;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }
}
