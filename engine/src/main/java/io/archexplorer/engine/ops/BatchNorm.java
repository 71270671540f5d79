package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/**
 * Batch normalization at inference. Its learnable parameters are γ and β (2·C); the running mean and variance are
 * buffers, not parameters, and count nowhere.
 */
public record BatchNorm(double eps) implements Op {
    public static final double DEFAULT_EPS = 1e-5;

    public BatchNorm {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("eps must be > 0, got " + eps);
        }
    }

    public BatchNorm() {
        this(DEFAULT_EPS);
    }

    @Override
    public String kind() {
        return "batchnorm";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    @Override
    public long params(List<Shape> inputs) {
        return 2L * inputs.get(0).c();
    }
}
