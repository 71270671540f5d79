package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;
import java.util.Locale;

/** An element-wise non-linearity. */
public record Activation(Function function) implements Op {

    /** The non-linearities of the CNN literature, named as the op kinds print them. */
    public enum Function {
        RELU, RELU6, SIGMOID, TANH, SWISH, HARD_SIGMOID, HARD_SWISH;

        public String kind() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Activation {
        if (function == null) {
            throw new IllegalArgumentException("function is missing");
        }
    }

    public static Activation relu() {
        return new Activation(Function.RELU);
    }

    @Override
    public String kind() {
        return function.kind();
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }
}
