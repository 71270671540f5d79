package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/** N×C×H×W to N×(C·H·W). */
public record Flatten() implements Op {
    @Override
    public String kind() {
        return "flatten";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        long features = in.elementsPerImage();
        if (features > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(in + " has too many elements per image to flatten");
        }
        return Shape.of(in.n(), (int) features);
    }
}
