package io.archexplorer.layouts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A rebuilt graph laid out with the previous layout as a hint keeps the surviving nodes' order. */
class StabilityTest {
    private static final LayeredLayout ENGINE = new LayeredLayout(LayoutOptions.defaults());

    /** Copies the graph, leaving out {@code removed} (its predecessors then feed its successors directly). */
    private static LayoutGraph without(LayoutGraph graph, String removed) {
        LayoutGraph.Builder b = LayoutGraph.builder();
        copyCompoundNesting(graph, b);
        int gone = graph.indexOf(removed);
        for (int v = 0; v < graph.nodeCount(); v++) {
            if (v != gone) {
                b.node(graph.nodeId(v), graph.width(v), graph.height(v), graph.compoundOf(v));
            }
        }
        for (int e = 0; e < graph.edgeCount(); e++) {
            if (graph.edgeSources[e] != gone && graph.edgeTargets[e] != gone) {
                b.edge(graph.edgeSource(e), graph.edgeTarget(e));
            }
        }
        for (int in = 0; in < graph.edgeCount(); in++) {
            if (graph.edgeTargets[in] != gone) {
                continue;
            }
            for (int out = 0; out < graph.edgeCount(); out++) {
                if (graph.edgeSources[out] == gone) {
                    b.edge(graph.edgeSource(in), graph.edgeTarget(out));
                }
            }
        }
        return b.build();
    }

    /** Copies the graph plus a new branch {@code from -> added -> to}. */
    private static LayoutGraph withBranch(LayoutGraph graph, String from, String added, String to) {
        LayoutGraph.Builder b = LayoutGraph.builder();
        copyCompoundNesting(graph, b);
        for (int v = 0; v < graph.nodeCount(); v++) {
            b.node(graph.nodeId(v), graph.width(v), graph.height(v), graph.compoundOf(v));
        }
        b.node(added, 120, 40, graph.compoundOf(graph.indexOf(from)));
        for (int e = 0; e < graph.edgeCount(); e++) {
            b.edge(graph.edgeSource(e), graph.edgeTarget(e));
        }
        return b.edge(from, added).edge(added, to).build();
    }

    private static void copyCompoundNesting(LayoutGraph graph, LayoutGraph.Builder b) {
        for (String compound : graph.compoundIds()) {
            if (graph.compoundParent(compound) != null) {
                b.compound(compound, graph.compoundParent(compound));
            }
        }
    }

    /** In every rank of {@code after}, nodes that {@code before} also placed appear in before's cross-axis order. */
    private static void assertSurvivorsKeepTheirOrder(Layout before, Layout after) {
        int compared = 0;
        for (List<NodeBox> rank : LayoutAssertions.ranks(after).values()) {
            NodeBox previousSurvivor = null;
            for (NodeBox box : rank) {
                NodeBox old = before.node(box.id());
                if (old == null) {
                    continue;
                }
                if (previousSurvivor != null) {
                    NodeBox oldLeft = before.node(previousSurvivor.id());
                    assertTrue(LayoutAssertions.across(before, oldLeft) <= LayoutAssertions.across(before, old),
                            previousSurvivor.id() + " stays before " + box.id());
                    compared++;
                }
                previousSurvivor = box;
            }
        }
        assertTrue(compared > 0, "the graphs must share ranks with several nodes");
    }

    @Test
    void removingANodeKeepsTheOrderOfTheOthers() {
        LayoutGraph graph = SyntheticNets.shufflenetV2();
        Layout before = ENGINE.layout(graph);
        LayoutGraph smaller = without(graph, "bn_5");
        Layout after = ENGINE.layout(smaller, before);
        assertSurvivorsKeepTheirOrder(before, after);
        LayoutAssertions.assertNoOverlap(after);
    }

    @Test
    void addingABranchKeepsTheOrderOfTheOthers() {
        LayoutGraph graph = SyntheticNets.shufflenetV2();
        Layout before = ENGINE.layout(graph);
        LayoutGraph larger = withBranch(graph, "split_37", "extra", "concat_36");
        Layout after = ENGINE.layout(larger, before);
        assertSurvivorsKeepTheirOrder(before, after);
        assertEquals(larger.nodeCount(), after.nodes().size());
    }

    @Test
    void unchangedGraphWithItsOwnLayoutAsHintStaysPut() {
        LayoutGraph graph = SyntheticNets.inceptionModule();
        Layout before = ENGINE.layout(graph);
        Layout after = ENGINE.layout(graph, before);
        assertEquals(before.nodes(), after.nodes());
    }

    @Test
    void survivorsStayRoughlyWhereTheyWere() {
        LayoutGraph graph = SyntheticNets.resnet50();
        Layout before = ENGINE.layout(graph);
        Layout after = ENGINE.layout(without(graph, "relu2_22"), before);
        double pitch = 120 + LayoutOptions.defaults().nodeSeparation();
        for (NodeBox box : after.nodes()) {
            assertTrue(Math.abs(box.x() - before.node(box.id()).x()) <= 2 * pitch, box.id() + " moved too far");
        }
    }

    @Test
    void hintOrderWinsOverTheLayoutsOwnPreference() {
        LayoutGraph graph = SyntheticNets.inceptionModule();
        Layout natural = ENGINE.layout(graph);
        // The same boxes mirrored left to right: a hint that contradicts the natural order.
        double width = natural.width();
        List<NodeBox> mirrored = natural.nodes().stream()
                .map(b -> new NodeBox(b.id(), width - b.x(), b.y(), b.width(), b.height())).toList();
        Layout hint = new Layout(Direction.TOP_TO_BOTTOM, mirrored, List.of(), List.of(), 0);
        Layout after = ENGINE.layout(graph, hint);
        assertSurvivorsKeepTheirOrder(hint, after);
        assertTrue(after.node("conv1x1_3").x() > after.node("maxpool_8").x(), "mirrored like the hint");
    }
}
