package io.archexplorer.layouts;

/**
 * The graph after ranking and dummy insertion: every edge joins consecutive ranks. Nodes
 * {@code 0 .. realCount-1} are the input's boxes, the rest are dummies (size 0) on long edges. The
 * dummies of input edge e are numbered consecutively from {@code firstDummy[e]} downwards.
 * Sizes are in layout axes: "cross" runs along a rank, "along" runs from rank to rank.
 */
final class LayeredGraph {
    final int realCount;
    final int nodeCount;
    final int rankCount;
    final int[] rank;
    final double[] crossSize;
    final double[] alongSize;
    /** Innermost compound per node; a dummy belongs to the innermost compound holding both edge ends. */
    final int[] compound;
    final CompoundTree compounds;
    /** Neighbours on the next rank down and on the rank above. */
    final Csr down;
    final Csr up;
    final int[] edgeSource;
    final int[] edgeTarget;
    final int[] firstDummy;

    LayeredGraph(int realCount, int nodeCount, int rankCount, int[] rank, double[] crossSize, double[] alongSize,
                 int[] compound, CompoundTree compounds, Csr down, Csr up,
                 int[] edgeSource, int[] edgeTarget, int[] firstDummy) {
        this.realCount = realCount;
        this.nodeCount = nodeCount;
        this.rankCount = rankCount;
        this.rank = rank;
        this.crossSize = crossSize;
        this.alongSize = alongSize;
        this.compound = compound;
        this.compounds = compounds;
        this.down = down;
        this.up = up;
        this.edgeSource = edgeSource;
        this.edgeTarget = edgeTarget;
        this.firstDummy = firstDummy;
    }

    boolean isDummy(int v) {
        return v >= realCount;
    }

    int dummyCount(int edge) {
        return rank[edgeTarget[edge]] - rank[edgeSource[edge]] - 1;
    }
}
