package io.archexplorer.samples.blocks;

import io.archexplorer.engine.graph.NetBuilder;

/** A building block that the caller names: what the name stands for (a layer or a block scope) each block says. */
public interface Block {

    /** Adds the block's layers after {@code input}; returns the name of its output layer. */
    String add(NetBuilder b, String name, String input);

    /** This block under {@code name}, as a step of a {@link MultiBranch} branch. */
    default Step named(String name) {
        return (b, input) -> add(b, name, input);
    }
}
