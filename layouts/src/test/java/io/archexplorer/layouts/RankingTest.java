package io.archexplorer.layouts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankingTest {

    private static int[] ranks(LayoutGraph graph) {
        Csr out = Csr.of(graph.nodeCount(), graph.edgeSources, graph.edgeTargets, graph.edgeCount());
        int[] rank = LongestPathRanking.rank(graph.nodeCount(), out, CycleCheck.topologicalOrder(graph, out));
        NetworkSimplexRanking.tighten(graph.nodeCount(), graph.edgeSources, graph.edgeTargets, rank);
        return rank;
    }

    private static int totalLength(LayoutGraph graph, int[] rank) {
        int total = 0;
        for (int e = 0; e < graph.edgeCount(); e++) {
            total += rank[graph.edgeTargets[e]] - rank[graph.edgeSources[e]];
        }
        return total;
    }

    @Test
    void everyEdgeGoesFromALowerRankToAHigherOne() {
        for (LayoutGraph graph : new LayoutGraph[] {SyntheticNets.densenet121Full(), SyntheticNets.shufflenetV2(),
                SyntheticNets.resnet50(), SyntheticNets.squeezenet()}) {
            int[] rank = ranks(graph);
            for (int e = 0; e < graph.edgeCount(); e++) {
                assertTrue(rank[graph.edgeTargets[e]] > rank[graph.edgeSources[e]], graph.edgeSource(e));
            }
        }
    }

    @Test
    void networkSimplexPullsAFanOutNodeTowardsItsTargets() {
        // "fan" has one in-edge and two out-edges: longest path puts it right below "top" (length
        // 1 + 4 + 4); the optimum puts it just above its targets (4 + 1 + 1).
        LayoutGraph.Builder b = LayoutGraph.builder();
        for (String id : new String[] {"top", "m1", "m2", "m3", "m4", "left", "right", "fan"}) {
            b.node(id, 10, 10);
        }
        LayoutGraph graph = b.edge("top", "m1").edge("m1", "m2").edge("m2", "m3").edge("m3", "m4")
                .edge("m4", "left").edge("m4", "right").edge("top", "fan").edge("fan", "left").edge("fan", "right")
                .build();
        int[] rank = ranks(graph);
        assertEquals(4, rank[graph.indexOf("fan")]);
        assertEquals(4 + 2 + 4 + 2, totalLength(graph, rank));
    }

    @Test
    void aSecondSourceIsPulledDownToItsTarget() {
        // The tight tree from "a" cannot reach "x" (its edge has slack 2): the tree must shift.
        LayoutGraph graph = LayoutGraph.builder().node("a", 1, 1).node("b", 1, 1).node("c", 1, 1).node("d", 1, 1)
                .node("x", 1, 1).edge("a", "b").edge("b", "c").edge("c", "d").edge("x", "d").build();
        int[] rank = ranks(graph);
        assertEquals(0, rank[graph.indexOf("a")]);
        assertEquals(3, rank[graph.indexOf("d")]);
        assertEquals(2, rank[graph.indexOf("x")]);
    }

    @Test
    void ranksStartAtZeroInEveryComponent() {
        LayoutGraph graph = LayoutGraph.builder().node("a", 1, 1).node("b", 1, 1).node("c", 1, 1).node("d", 1, 1)
                .edge("a", "b").edge("c", "d").build();
        int[] rank = ranks(graph);
        assertEquals(0, rank[0]);
        assertEquals(1, rank[1]);
        assertEquals(0, rank[2]);
        assertEquals(1, rank[3]);
    }

    @Test
    void longEdgesGetOneDummyPerRankTheyPass() {
        LayoutGraph graph = SyntheticNets.inceptionModule();
        int[] rank = ranks(graph);
        LayeredGraph layered = DummyInsertion.split(graph, rank, graph.widths, graph.heights,
                new CompoundTree(graph.compoundParent));
        int dummies = 0;
        for (int e = 0; e < graph.edgeCount(); e++) {
            int span = rank[graph.edgeTargets[e]] - rank[graph.edgeSources[e]];
            assertEquals(span - 1, layered.dummyCount(e));
            for (int k = 0; k < span - 1; k++) {
                assertEquals(rank[graph.edgeSources[e]] + 1 + k, layered.rank[layered.firstDummy[e] + k]);
            }
            dummies += span - 1;
        }
        assertEquals(1, dummies, "only the single 1x1 branch skips a rank");
        assertEquals(graph.nodeCount() + dummies, layered.nodeCount);
        for (int v = 0; v < layered.nodeCount; v++) {
            for (int i = layered.down.offsets[v]; i < layered.down.offsets[v + 1]; i++) {
                assertEquals(layered.rank[v] + 1, layered.rank[layered.down.neighbors[i]]);
            }
        }
    }
}
