package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;
import java.util.Optional;

/**
 * A layer of an imported model whose type the engine does not know (a custom Caffe layer, say). It keeps the
 * file's type name so it can be drawn and named; its output shape is unknown, and so is every shape below it.
 * It costs nothing in the analysis and cannot be run. {@code reason} says why the importer made it opaque when
 * the type is one the engine knows (a Conv with asymmetric padding), empty otherwise.
 */
public record Opaque(String type, String reason) implements Op {
    public Opaque {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("type is missing");
        }
        reason = reason == null ? "" : reason;
    }

    /** A layer of a type the engine does not know; no other reason is needed. */
    public Opaque(String type) {
        this(type, "");
    }

    @Override
    public String kind() {
        return "opaque";
    }

    @Override
    public String attributesSummary() {
        return type;
    }

    @Override
    public Optional<String> opaqueType() {
        return Optional.of(type);
    }

    /** Why the importer could not map the layer (empty: its type is unknown to the engine). */
    @Override
    public String opaqueReason() {
        return reason;
    }

    @Override
    public int minInputs() {
        return 0;
    }

    @Override
    public int maxInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Shape.unknown();
    }
}
