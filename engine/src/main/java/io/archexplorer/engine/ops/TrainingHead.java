package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/**
 * A loss or accuracy layer of a training net (Caffe's SoftmaxWithLoss, Accuracy, ...): shown so the file reads as
 * written, but it is not part of inference, so it costs nothing and is not run. Its inputs are the net's outputs
 * it evaluates (labels come from the data source, which is no layer here). Its output is one value per image.
 */
public record TrainingHead(String type) implements Op {
    public TrainingHead {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("type is missing");
        }
    }

    @Override
    public String kind() {
        return "training_head";
    }

    @Override
    public String attributesSummary() {
        return type;
    }

    @Override
    public int maxInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Shape.of(inputs.get(0).n(), 1);
    }
}
