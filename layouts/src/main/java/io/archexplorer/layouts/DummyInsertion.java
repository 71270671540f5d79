package io.archexplorer.layouts;

import java.util.Arrays;

/** Phase 2 (dagre's "normalize"): an edge spanning k ranks becomes a chain through k-1 dummy nodes. */
final class DummyInsertion {
    private DummyInsertion() {
    }

    static LayeredGraph split(LayoutGraph graph, int[] realRank, double[] crossSize, double[] alongSize,
                              CompoundTree compounds) {
        int realCount = graph.nodeCount();
        int edgeCount = graph.edgeCount();
        int[] source = graph.edgeSources;
        int[] target = graph.edgeTargets;
        int[] firstDummy = new int[edgeCount];
        int nodeCount = realCount;
        int segmentCount = 0;
        for (int e = 0; e < edgeCount; e++) {
            int span = realRank[target[e]] - realRank[source[e]];
            firstDummy[e] = nodeCount;
            nodeCount += span - 1;
            segmentCount += span;
        }
        int[] rank = Arrays.copyOf(realRank, nodeCount);
        int[] compound = Arrays.copyOf(graph.nodeCompound, nodeCount);
        int[] segmentFrom = new int[segmentCount];
        int[] segmentTo = new int[segmentCount];
        int segment = 0;
        int rankCount = 0;
        for (int v = 0; v < realCount; v++) {
            rankCount = Math.max(rankCount, realRank[v] + 1);
        }
        for (int e = 0; e < edgeCount; e++) {
            int s = source[e];
            int t = target[e];
            int dummyCompound = compounds.count() == 0 ? LayoutGraph.NO_COMPOUND
                    : compounds.commonAncestor(compound[s], compound[t]);
            int previous = s;
            int dummy = firstDummy[e];
            for (int r = realRank[s] + 1; r < realRank[t]; r++, dummy++) {
                rank[dummy] = r;
                compound[dummy] = dummyCompound;
                segmentFrom[segment] = previous;
                segmentTo[segment++] = dummy;
                previous = dummy;
            }
            segmentFrom[segment] = previous;
            segmentTo[segment++] = t;
        }
        Csr down = Csr.of(nodeCount, segmentFrom, segmentTo, segmentCount);
        Csr up = Csr.of(nodeCount, segmentTo, segmentFrom, segmentCount);
        return new LayeredGraph(realCount, nodeCount, rankCount, rank,
                Arrays.copyOf(crossSize, nodeCount), Arrays.copyOf(alongSize, nodeCount),
                compound, compounds, down, up, source, target, firstDummy);
    }
}
