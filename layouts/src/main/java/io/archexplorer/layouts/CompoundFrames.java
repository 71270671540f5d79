package io.archexplorer.layouts;

/**
 * Phase 7: the frame of an expanded compound is the bounding box of its boxes, of the edges routed
 * inside it (its dummies) and of its nested frames, plus padding. Compounds are numbered parents
 * first, so one backward pass folds every frame into its parent's.
 */
final class CompoundFrames {
    private CompoundFrames() {
    }

    /** Per compound {left, top, right, bottom} in layout axes, or null for a compound with no member. */
    static double[][] enclose(LayeredGraph graph, double[] cross, double[] rankCentre, double padding) {
        int c = graph.compounds.count();
        double[][] bounds = new double[c][];
        for (int v = 0; v < graph.nodeCount; v++) {
            int compound = graph.compound[v];
            if (compound == LayoutGraph.NO_COMPOUND) {
                continue;
            }
            double halfCross = graph.crossSize[v] / 2;
            double halfAlong = graph.isDummy(v) ? 0 : graph.alongSize[v] / 2;
            double centre = rankCentre[graph.rank[v]];
            include(bounds, compound, cross[v] - halfCross, centre - halfAlong, cross[v] + halfCross, centre + halfAlong);
        }
        for (int k = c - 1; k >= 0; k--) {
            double[] b = bounds[k];
            if (b == null) {
                continue;
            }
            b[0] -= padding;
            b[1] -= padding;
            b[2] += padding;
            b[3] += padding;
            int parent = graph.compounds.parent[k];
            if (parent != LayoutGraph.NO_COMPOUND) {
                include(bounds, parent, b[0], b[1], b[2], b[3]);
            }
        }
        return bounds;
    }

    private static void include(double[][] bounds, int compound, double left, double top, double right, double bottom) {
        double[] b = bounds[compound];
        if (b == null) {
            bounds[compound] = new double[] {left, top, right, bottom};
            return;
        }
        b[0] = Math.min(b[0], left);
        b[1] = Math.min(b[1], top);
        b[2] = Math.max(b[2], right);
        b[3] = Math.max(b[3], bottom);
    }
}
