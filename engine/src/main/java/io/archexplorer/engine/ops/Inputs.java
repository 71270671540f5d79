package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Shape;
import java.util.List;

/** Checks of input shapes that several ops share. */
final class Inputs {
    private Inputs() {
    }

    static Shape featureMap(List<Shape> inputs, String op) {
        Shape in = inputs.get(0);
        if (!in.isFeatureMap()) {
            throw new IllegalArgumentException(op + " needs an N×C×H×W input, got " + in);
        }
        return in;
    }

    /** The common shape of inputs that must all have the same shape (element-wise ops). */
    static Shape sameShape(List<Shape> inputs, String op) {
        Shape first = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            if (!inputs.get(i).equals(first)) {
                throw new IllegalArgumentException("cannot " + op + " shapes " + first + " and " + inputs.get(i));
            }
        }
        return first;
    }
}
