package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/** Dropout: the identity at inference; the rate is kept for the drawing and the model file. */
public record Dropout(double rate) implements Op {
    public Dropout {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("rate must be in [0, 1), got " + rate);
        }
    }

    @Override
    public String kind() {
        return "dropout";
    }

    @Override
    public String attributesSummary() {
        return "p=" + rate;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }
}
