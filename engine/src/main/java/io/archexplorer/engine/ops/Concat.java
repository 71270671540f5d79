package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/** Concatenation along channels of feature maps with the same batch and spatial size. */
public record Concat() implements Op {
    @Override
    public String kind() {
        return "concat";
    }

    @Override
    public int maxInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape first = Inputs.featureMap(inputs, kind());
        int channels = 0;
        for (Shape s : inputs) {
            if (!s.isFeatureMap() || s.n() != first.n() || s.h() != first.h() || s.w() != first.w()) {
                throw new IllegalArgumentException("cannot concatenate " + first + " and " + s
                        + ": batch and spatial sizes differ");
            }
            channels = Math.addExact(channels, s.c());
        }
        return first.withChannels(channels);
    }
}
