package io.archexplorer.engine.graph;

/**
 * Block paths are dotted, as PyTorch's module names are: layer {@code layer1.0.conv1} is in block {@code layer1.0},
 * itself in block {@code layer1}, which is at top level.
 */
public final class BlockNames {
    private BlockNames() {
    }

    /** The block a layer or block is directly in: {@code layer1.0} for {@code layer1.0.conv1}; empty at top level. */
    public static String parent(String dottedName) {
        int dot = dottedName.lastIndexOf('.');
        return dot < 0 ? "" : dottedName.substring(0, dot);
    }
}
