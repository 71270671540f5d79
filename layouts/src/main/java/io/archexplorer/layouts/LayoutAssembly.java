package io.archexplorer.layouts;

import java.util.ArrayList;
import java.util.List;

/**
 * Last step: turns layout axes (cross = along a rank, along = down the ranks) into output axes for
 * the chosen direction, translates the drawing so that it starts at (0, 0), and wraps it all up.
 */
final class LayoutAssembly {
    private LayoutAssembly() {
    }

    static Layout assemble(LayoutGraph graph, LayeredGraph layered, double[] cross, double[] rankCentre,
                           double[][] routes, double[][] frames, Direction direction, long startNanos) {
        boolean topToBottom = direction == Direction.TOP_TO_BOTTOM;
        double minCross = Double.POSITIVE_INFINITY;
        double minAlong = Double.POSITIVE_INFINITY;
        for (int v = 0; v < layered.realCount; v++) {
            minCross = Math.min(minCross, cross[v] - layered.crossSize[v] / 2);
            minAlong = Math.min(minAlong, rankCentre[layered.rank[v]] - layered.alongSize[v] / 2);
        }
        for (int v = layered.realCount; v < layered.nodeCount; v++) {
            minCross = Math.min(minCross, cross[v]);
        }
        for (double[] frame : frames) {
            if (frame != null) {
                minCross = Math.min(minCross, frame[0]);
                minAlong = Math.min(minAlong, frame[1]);
            }
        }
        if (layered.realCount == 0) {
            minCross = 0;
            minAlong = 0;
        }
        List<NodeBox> nodes = new ArrayList<>(layered.realCount);
        for (int v = 0; v < layered.realCount; v++) {
            double c = cross[v] - minCross;
            double a = rankCentre[layered.rank[v]] - minAlong;
            nodes.add(topToBottom
                    ? new NodeBox(graph.nodeId(v), c, a, graph.width(v), graph.height(v))
                    : new NodeBox(graph.nodeId(v), a, c, graph.width(v), graph.height(v)));
        }
        List<EdgeRoute> edges = new ArrayList<>(routes.length);
        for (int e = 0; e < routes.length; e++) {
            double[] p = routes[e];
            for (int i = 0; i < p.length; i += 2) {
                double c = p[i] - minCross;
                double a = p[i + 1] - minAlong;
                p[i] = topToBottom ? c : a;
                p[i + 1] = topToBottom ? a : c;
            }
            edges.add(new EdgeRoute(graph.edgeSource(e), graph.edgeTarget(e), p));
        }
        List<Frame> frameList = new ArrayList<>();
        for (int c = 0; c < frames.length; c++) {
            double[] f = frames[c];
            if (f == null) {
                continue;
            }
            String id = graph.compoundIds[c];
            frameList.add(topToBottom
                    ? new Frame(id, f[0] - minCross, f[1] - minAlong, f[2] - minCross, f[3] - minAlong)
                    : new Frame(id, f[1] - minAlong, f[0] - minCross, f[3] - minAlong, f[2] - minCross));
        }
        double millis = (System.nanoTime() - startNanos) / 1e6;
        return new Layout(direction, nodes, edges, frameList, millis);
    }
}
