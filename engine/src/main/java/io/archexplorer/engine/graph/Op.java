package io.archexplorer.engine.graph;

import java.util.List;
import java.util.Optional;

/**
 * What a layer computes. Each op knows its own shape rule and its own cost terms, and answers the few questions the
 * graph asks of it (is it the input, what is it at another batch, is it opaque), so the graph package never names a
 * concrete op. The packages above it do switch over op types: every op needs a JSON codec entry, a category, a
 * runtime kernel (or a declaration that it is not run), an ONNX export and a colour, which OpSetSeamTest in
 * explorer-app checks for every op; other places (fusion, weights, memory planning) single out the ops they concern.
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

    /** Whether this is a net's input tensor rather than a computation on other layers. */
    default boolean isInput() {
        return false;
    }

    /** The same op for a batch of {@code n} images: only an input fixes the batch, so other ops stay as they are. */
    default Op withBatch(int n) {
        return this;
    }

    /**
     * For a layer of an imported model that the engine cannot interpret, the type name the file gave it; empty for
     * every op the engine knows. Such a layer can be drawn, but not run or exported.
     */
    default Optional<String> opaqueType() {
        return Optional.empty();
    }

    /** Why a layer of {@link #opaqueType()} could not be interpreted, when the importer knows; empty otherwise. */
    default String opaqueReason() {
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
