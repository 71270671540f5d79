package io.archexplorer.layouts;

import java.util.Arrays;

/**
 * Phase 2 (dagre's "normalize"): an edge spanning k ranks becomes a chain through k-1 dummy nodes.
 *
 * <p>Edges that leave the same node share their dummies: each source gets one chain (a bus) as long as its
 * longest edge, and every edge leaves the bus at the rank above its target. In a CNN all edges from a node carry
 * the same tensor, so one line that branches is the truthful picture; and DenseNet, where each layer feeds every
 * later layer of its block, needs one bus per layer instead of one chain per pair, which keeps the drawing
 * narrow and the crossing reduction fast.
 */
final class DummyInsertion {
    private DummyInsertion() {
    }

    static LayeredGraph split(LayoutGraph graph, int[] realRank, double[] crossSize, double[] alongSize,
                              CompoundTree compounds) {
        int realCount = graph.nodeCount();
        int edgeCount = graph.edgeCount();
        int[] source = graph.edgeSources;
        int[] target = graph.edgeTargets;
        int[] busLength = new int[realCount];
        int[] busCompound = new int[realCount];
        Arrays.fill(busCompound, -2);
        for (int e = 0; e < edgeCount; e++) {
            int s = source[e];
            busLength[s] = Math.max(busLength[s], realRank[target[e]] - realRank[s] - 1);
            int common = compounds.count() == 0 ? LayoutGraph.NO_COMPOUND
                    : compounds.commonAncestor(graph.nodeCompound[s], graph.nodeCompound[target[e]]);
            // A bus shared by edges into different compounds lives in the innermost compound holding them all.
            busCompound[s] = busCompound[s] == -2 || compounds.count() == 0 ? common
                    : compounds.commonAncestor(busCompound[s], common);
        }
        int[] busFirst = new int[realCount];
        int nodeCount = realCount;
        int segmentCount = 0;
        for (int v = 0; v < realCount; v++) {
            busFirst[v] = nodeCount;
            nodeCount += busLength[v];
            segmentCount += busLength[v];
        }
        segmentCount += edgeCount;
        int[] rank = Arrays.copyOf(realRank, nodeCount);
        int[] compound = Arrays.copyOf(graph.nodeCompound, nodeCount);
        int[] segmentFrom = new int[segmentCount];
        int[] segmentTo = new int[segmentCount];
        int segment = 0;
        int rankCount = 0;
        for (int v = 0; v < realCount; v++) {
            rankCount = Math.max(rankCount, realRank[v] + 1);
            int previous = v;
            for (int k = 0; k < busLength[v]; k++) {
                int dummy = busFirst[v] + k;
                rank[dummy] = realRank[v] + 1 + k;
                compound[dummy] = busCompound[v];
                segmentFrom[segment] = previous;
                segmentTo[segment++] = dummy;
                previous = dummy;
            }
        }
        int[] firstDummy = new int[edgeCount];
        for (int e = 0; e < edgeCount; e++) {
            int s = source[e];
            int span = realRank[target[e]] - realRank[s];
            firstDummy[e] = busFirst[s];
            segmentFrom[segment] = span == 1 ? s : busFirst[s] + span - 2;
            segmentTo[segment++] = target[e];
        }
        Csr down = Csr.of(nodeCount, segmentFrom, segmentTo, segmentCount);
        Csr up = Csr.of(nodeCount, segmentTo, segmentFrom, segmentCount);
        return new LayeredGraph(realCount, nodeCount, rankCount, rank,
                Arrays.copyOf(crossSize, nodeCount), Arrays.copyOf(alongSize, nodeCount),
                compound, compounds, down, up, source, target, firstDummy);
    }
}
