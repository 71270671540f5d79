package io.archexplorer.app.diagram;

import io.archexplorer.layouts.Direction;
import java.util.Set;

/**
 * What a diagram shows.
 *
 * @param foldInPlace draw a batchnorm, activation or dropout that directly follows a layer inside that layer's
 *     node, as Netscope does with Caffe's in-place layers
 * @param collapsed blocks drawn as one node each (e.g. {@code layer1.0}); others are expanded inside a frame
 * @param direction data flowing down (as in the papers' figures) or to the right
 */
public record DiagramOptions(boolean foldInPlace, Set<String> collapsed, Direction direction) {
    public DiagramOptions {
        collapsed = Set.copyOf(collapsed);
    }

    public static DiagramOptions defaults() {
        return new DiagramOptions(true, Set.of(), Direction.TOP_TO_BOTTOM);
    }

    public DiagramOptions withCollapsed(Set<String> blocks) {
        return new DiagramOptions(foldInPlace, blocks, direction);
    }

    public DiagramOptions withDirection(Direction d) {
        return new DiagramOptions(foldInPlace, collapsed, d);
    }

    public DiagramOptions withFoldInPlace(boolean fold) {
        return new DiagramOptions(fold, collapsed, direction);
    }
}
