package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/** Element-wise sum of two or more tensors of the same shape (residual connections). */
public record Add() implements Op {
    @Override
    public String kind() {
        return "add";
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
