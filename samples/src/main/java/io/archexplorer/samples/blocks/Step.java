package io.archexplorer.samples.blocks;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.graph.Op;

/** One step of a {@link MultiBranch} branch: adds layers after an input and returns the name of the last. */
@FunctionalInterface
public interface Step {

    String add(NetBuilder b, String input);

    /** A single layer, such as the pool in front of an Inception module's projection. */
    static Step layer(String name, Op op) {
        return (b, input) -> b.add(name, op, input);
    }
}
