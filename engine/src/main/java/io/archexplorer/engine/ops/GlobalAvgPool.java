package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/** Average over all of H×W: N×C×H×W becomes N×C×1×1. */
public record GlobalAvgPool() implements Op {
    @Override
    public String kind() {
        return "global_avg_pool";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.featureMap(inputs, kind());
        return Shape.of(in.n(), in.c(), 1, 1);
    }
}
