package io.archexplorer.layouts;

/**
 * Phase 6: each edge becomes a polyline from the middle of its source's lower side, through its
 * dummies, to the middle of its target's upper side (in layout axes: x across ranks, y down ranks).
 */
final class EdgeRouting {
    private EdgeRouting() {
    }

    /** Per input edge, interleaved {@code x, y} points in layout axes. */
    static double[][] route(LayeredGraph graph, double[] cross, double[] rankCentre) {
        int edgeCount = graph.edgeSource.length;
        double[][] routes = new double[edgeCount][];
        for (int e = 0; e < edgeCount; e++) {
            int s = graph.edgeSource[e];
            int t = graph.edgeTarget[e];
            int dummies = graph.dummyCount(e);
            double[] points = new double[2 * (dummies + 2)];
            points[0] = cross[s];
            points[1] = rankCentre[graph.rank[s]] + graph.alongSize[s] / 2;
            for (int k = 0; k < dummies; k++) {
                int d = graph.firstDummy[e] + k;
                points[2 * k + 2] = cross[d];
                points[2 * k + 3] = rankCentre[graph.rank[d]];
            }
            points[points.length - 2] = cross[t];
            points[points.length - 1] = rankCentre[graph.rank[t]] - graph.alongSize[t] / 2;
            routes[e] = points;
        }
        return routes;
    }
}
