package io.archexplorer.layouts;

/**
 * What a previous layout tells about the current graph: which nodes it placed (pinned) and where
 * along their rank (their cross-axis coordinate). Pinned nodes keep that relative order.
 */
final class StabilityHint {
    final boolean[] pinned;
    final double[] previousCross;

    private StabilityHint(boolean[] pinned, double[] previousCross) {
        this.pinned = pinned;
        this.previousCross = previousCross;
    }

    /** Sized for the layered graph; dummies are never pinned, since their identity does not survive a rebuild. */
    static StabilityHint from(Layout previous, LayoutGraph graph, int layeredNodeCount) {
        boolean[] pinned = new boolean[layeredNodeCount];
        double[] previousCross = new double[layeredNodeCount];
        if (previous == null) {
            return new StabilityHint(pinned, previousCross);
        }
        boolean previousTopToBottom = previous.direction() == Direction.TOP_TO_BOTTOM;
        for (int v = 0; v < graph.nodeCount(); v++) {
            NodeBox box = previous.node(graph.nodeId(v));
            if (box != null) {
                pinned[v] = true;
                previousCross[v] = previousTopToBottom ? box.x() : box.y();
            }
        }
        return new StabilityHint(pinned, previousCross);
    }
}
