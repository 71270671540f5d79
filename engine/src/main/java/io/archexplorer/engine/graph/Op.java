package io.archexplorer.engine.graph;

import java.util.List;

/**
 * What a layer computes. Each op knows its own shape rule and its own cost terms, so the analysis and (later) the
 * runtime and importers never switch over op types to learn what an op means.
 *
 * <p>Ops are immutable value records; their constructors reject meaningless attributes (kernel 0, groups 0, ...)
 * with an {@link IllegalArgumentException} whose message says which attribute and why.
 */
public interface Op {

    /** Short lower-case op name used in tables, JSON and colours: {@code conv}, {@code fc}, {@code relu}, ... */
    String kind();

    /** Key attributes for a label, e.g. {@code 3×3/2, 64, g=32}; empty when the op has none worth showing. */
    default String attributesSummary() {
        return "";
    }

    /** Fewest inputs the op accepts. */
    default int minInputs() {
        return 1;
    }

    /** Most inputs the op accepts. */
    default int maxInputs() {
        return 1;
    }

    /**
     * The output shape for these input shapes.
     *
     * @throws IllegalArgumentException with the reason when the inputs do not fit the op
     */
    Shape outputShape(List<Shape> inputs);

    /** Learnable elements (weights, biases, batchnorm γ and β). */
    default long params(List<Shape> inputs) {
        return 0;
    }

    /** Multiply-adds (the papers' "FLOPs"); zero for every op but conv and fc. */
    default long multAdds(List<Shape> inputs, Shape output) {
        return 0;
    }
}
