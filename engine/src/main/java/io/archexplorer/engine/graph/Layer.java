package io.archexplorer.engine.graph;

import java.util.List;
import java.util.Objects;

/**
 * A named node of a net: an op applied to the outputs of the named input layers.
 *
 * @param block the block the layer belongs to (e.g. {@code layer2.0}, {@code denseblock3.layer7}); empty at top level
 */
public record Layer(String name, Op op, List<String> inputs, String block) {
    public Layer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        inputs = List.copyOf(inputs);
        block = block == null ? "" : block;
    }
}
