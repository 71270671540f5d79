package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/**
 * Batch normalization at inference. Its learnable parameters are γ and β (2·C); the running mean and variance are
 * buffers, not parameters, and count nowhere.
 *
 * @param affine false for a normalization without γ and β, as Caffe's BatchNorm layer (a following Scale layer
 *     holds them); it then has no learnable parameters
 */
public record BatchNorm(double eps, boolean affine) implements Op {
    public static final double DEFAULT_EPS = 1e-5;

    public BatchNorm {
        if (!(eps > 0 && Double.isFinite(eps))) {
            throw new IllegalArgumentException("eps must be a finite number > 0, got " + eps);
        }
    }

    public BatchNorm() {
        this(DEFAULT_EPS, true);
    }

    public BatchNorm(double eps) {
        this(eps, true);
    }

    @Override
    public String kind() {
        return "batchnorm";
    }

    @Override
    public String attributesSummary() {
        return affine ? "" : "no γ, β";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    @Override
    public long params(List<Shape> inputs) {
        return affine ? 2L * inputs.get(0).c() : 0;
    }
}
