package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;
import java.util.Locale;

/** Element-wise product or maximum of two or more tensors of the same shape (Caffe's Eltwise PROD and MAX). */
public record Elementwise(Operation operation) implements Op {

    /** What is computed at each position. */
    public enum Operation { MUL, MAX }

    public Elementwise {
        if (operation == null) {
            throw new IllegalArgumentException("operation is missing");
        }
    }

    @Override
    public String kind() {
        return operation.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public int minInputs() {
        return 2;
    }

    @Override
    public int maxInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Inputs.sameShape(inputs, kind());
    }
}
