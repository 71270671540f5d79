package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/** Fully connected layer; a feature-map input is flattened first, as Caffe's InnerProduct does. */
public record FullyConnected(int outFeatures, boolean bias) implements Op {
    public FullyConnected {
        Windows.requirePositive("out_features", outFeatures);
    }

    @Override
    public String kind() {
        return "fc";
    }

    @Override
    public String attributesSummary() {
        return Integer.toString(outFeatures);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Shape.of(inputs.get(0).n(), outFeatures);
    }

    @Override
    public long params(List<Shape> inputs) {
        return Math.addExact(Math.multiplyExact(inputs.get(0).elementsPerImage(), outFeatures), bias ? outFeatures : 0);
    }

    @Override
    public long multAdds(List<Shape> inputs, Shape output) {
        long batch = inputs.get(0).n();
        return Math.multiplyExact(batch, params(inputs));
    }
}
