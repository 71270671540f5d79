package io.archexplorer.layouts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrossingCounterTest {

    private static NodeBox box(String id, double x, double y) {
        return new NodeBox(id, x, y, 10, 10);
    }

    private static EdgeRoute straight(NodeBox from, NodeBox to) {
        return new EdgeRoute(from.id(), to.id(), new double[] {from.x(), from.bottom(), to.x(), to.top()});
    }

    private static Layout twoByTwo(boolean crossed) {
        NodeBox a = box("a", 0, 0);
        NodeBox b = box("b", 50, 0);
        NodeBox c = box("c", 0, 100);
        NodeBox d = box("d", 50, 100);
        List<NodeBox> boxes = List.of(a, b, c, d);
        List<EdgeRoute> edges = crossed
                ? List.of(straight(a, d), straight(b, c))
                : List.of(straight(a, c), straight(b, d));
        return new Layout(Direction.TOP_TO_BOTTOM, boxes, edges, List.of(), 0);
    }

    @Test
    void countsASingleCrossingOfTwoStraightEdges() {
        assertEquals(1, CrossingCounter.count(twoByTwo(true)));
        assertEquals(0, CrossingCounter.count(twoByTwo(false)));
    }

    @Test
    void edgesSharingABoxDoNotCross() {
        NodeBox a = box("a", 0, 0);
        NodeBox c = box("c", -50, 100);
        NodeBox d = box("d", 50, 100);
        Layout fan = new Layout(Direction.TOP_TO_BOTTOM, List.of(a, c, d),
                List.of(straight(a, d), straight(a, c)), List.of(), 0);
        assertEquals(0, CrossingCounter.count(fan));
    }

    @Test
    void followsBendsThroughIntermediateLayers() {
        // The long edge a(0) -> e(0) bends out to x=100 on the middle layer: it crosses b(50) -> m(50)
        // on the way there and m(50) -> f(150) on the way back.
        NodeBox a = box("a", 0, 0);
        NodeBox b = box("b", 50, 0);
        NodeBox m = box("m", 50, 100);
        NodeBox e = box("e", 0, 200);
        NodeBox f = box("f", 150, 200);
        EdgeRoute bent = new EdgeRoute("a", "e", new double[] {0, 5, 100, 100, 0, 195});
        Layout layout = new Layout(Direction.TOP_TO_BOTTOM, List.of(a, b, m, e, f),
                List.of(bent, straight(b, m), straight(m, f)), List.of(), 0);
        assertEquals(2, CrossingCounter.count(layout), "a->e crosses b->m above the middle layer and m->f below");
    }

    @Test
    void agreesWithTheOrderingCountOfTheLayoutItself() {
        LayoutGraph graph = SyntheticNets.densenetFull(new int[] {8}, new String[] {"conv", "relu"}, new String[0]);
        LayoutOptions options = LayoutOptions.defaults();
        Layout layout = new LayeredLayout(options).layout(graph);
        Csr out = Csr.of(graph.nodeCount(), graph.edgeSources, graph.edgeTargets, graph.edgeCount());
        int[] rank = LongestPathRanking.rank(graph.nodeCount(), out, CycleCheck.topologicalOrder(graph, out));
        NetworkSimplexRanking.tighten(graph.nodeCount(), graph.edgeSources, graph.edgeTargets, rank);
        LayeredGraph layered = DummyInsertion.split(graph, rank, graph.widths, graph.heights,
                new CompoundTree(graph.compoundParent));
        StabilityHint none = StabilityHint.from(null, graph, layered.nodeCount);
        LayerSorter sorter = new LayerSorter(layered, none.pinned);
        Ordering order = CrossingReduction.minimize(layered, none, sorter);
        long byOrdering = new LayerCrossings(layered).count(order);
        assertEquals(byOrdering, CrossingCounter.count(layout));
        assertEquals(byOrdering, LayoutQuality.of(layout).crossings());
    }
}
