package io.archexplorer.layouts;

/** Phase 5: coordinates from rank to rank. Each rank is as thick as its largest box; boxes are centred on it. */
final class RankPlacement {
    private RankPlacement() {
    }

    /** The centre line of every rank, the first rank's boxes starting at 0. */
    static double[] rankCentres(LayeredGraph graph, double rankSeparation) {
        double[] thickness = new double[graph.rankCount];
        for (int v = 0; v < graph.realCount; v++) {
            int r = graph.rank[v];
            thickness[r] = Math.max(thickness[r], graph.alongSize[v]);
        }
        double[] centre = new double[graph.rankCount];
        double top = 0;
        for (int r = 0; r < graph.rankCount; r++) {
            centre[r] = top + thickness[r] / 2;
            top += thickness[r] + rankSeparation;
        }
        return centre;
    }
}
