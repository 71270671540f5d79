package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/**
 * y = γ·x (+ β) with one learnable γ (and β) per channel: Caffe's Scale layer, which holds the affine part of a
 * batch normalization that Caffe's BatchNorm layer leaves out.
 */
public record Scale(boolean bias) implements Op {
    @Override
    public String kind() {
        return "scale";
    }

    @Override
    public String attributesSummary() {
        return bias ? "γ, β" : "γ";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    @Override
    public long params(List<Shape> inputs) {
        return (bias ? 2L : 1L) * inputs.get(0).c();
    }
}
