package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/** Local response normalization across channels (AlexNet, GoogLeNet v1 in Caffe). */
public record Lrn(int size, double alpha, double beta, double k) implements Op {
    public Lrn {
        Windows.requirePositive("size", size);
        if (!(Double.isFinite(alpha) && Double.isFinite(beta) && Double.isFinite(k))) {
            throw new IllegalArgumentException("alpha, beta and k must be finite numbers, got " + alpha + ", " + beta
                    + ", " + k);
        }
    }

    @Override
    public String kind() {
        return "lrn";
    }

    @Override
    public String attributesSummary() {
        return "size " + size;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Inputs.featureMap(inputs, kind());
    }
}
