package io.archexplorer.layouts;

import static io.archexplorer.layouts.LayoutAssertions.across;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LayeredLayoutTest {
    private static final LayeredLayout TOP_DOWN = new LayeredLayout(LayoutOptions.defaults());
    private static final LayeredLayout LEFT_RIGHT =
            new LayeredLayout(LayoutOptions.defaults().withDirection(Direction.LEFT_TO_RIGHT));

    static Stream<Arguments> nets() {
        return Stream.of(
                Arguments.of("chain", (Supplier<LayoutGraph>) () -> SyntheticNets.chain(12)),
                Arguments.of("resnet50", (Supplier<LayoutGraph>) SyntheticNets::resnet50),
                Arguments.of("inception", (Supplier<LayoutGraph>) SyntheticNets::inceptionModule),
                Arguments.of("dense block", (Supplier<LayoutGraph>) SyntheticNets::denseBlock),
                Arguments.of("densenet121 full", (Supplier<LayoutGraph>) SyntheticNets::densenet121Full),
                Arguments.of("shufflenet_v2", (Supplier<LayoutGraph>) SyntheticNets::shufflenetV2),
                Arguments.of("squeezenet", (Supplier<LayoutGraph>) SyntheticNets::squeezenet));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void boxesNeverOverlapEdgesFlowDownstreamAllInsideTheDrawing(String name, Supplier<LayoutGraph> net) {
        LayoutGraph graph = net.get();
        for (LayeredLayout engine : List.of(TOP_DOWN, LEFT_RIGHT)) {
            Layout layout = engine.layout(graph);
            assertEquals(graph.nodeCount(), layout.nodes().size());
            assertEquals(graph.edgeCount(), layout.edges().size());
            LayoutAssertions.assertNoOverlap(layout);
            LayoutAssertions.assertEdgesFlowForward(layout);
            LayoutAssertions.assertInsideDrawing(layout);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void sameInputGivesIdenticalLayout(String name, Supplier<LayoutGraph> net) {
        Layout first = TOP_DOWN.layout(net.get());
        Layout second = TOP_DOWN.layout(net.get());
        assertEquals(first.nodes(), second.nodes());
        assertEquals(first.frames(), second.frames());
        for (int e = 0; e < first.edges().size(); e++) {
            assertArrayEquals(first.edges().get(e).points(), second.edges().get(e).points());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void framesEncloseTheirMembersAndNestedFrames(String name, Supplier<LayoutGraph> net) {
        LayoutGraph graph = net.get();
        Layout layout = TOP_DOWN.layout(graph);
        assertEquals(graph.compoundIds().size(), layout.frames().size());
        for (String compound : graph.compoundIds()) {
            Frame frame = layout.frame(compound);
            for (int v = 0; v < graph.nodeCount(); v++) {
                if (graph.isInside(v, compound)) {
                    assertTrue(frame.encloses(layout.node(graph.nodeId(v))), compound + " encloses " + graph.nodeId(v));
                }
            }
            String parent = graph.compoundParent(compound);
            if (parent != null) {
                assertTrue(layout.frame(parent).encloses(frame), parent + " encloses " + compound);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void framesHoldNoOutsiderAndOnlyNestWithinEachOther(String name, Supplier<LayoutGraph> net) {
        LayoutGraph graph = net.get();
        Layout layout = TOP_DOWN.layout(graph);
        for (Frame frame : layout.frames()) {
            for (int v = 0; v < graph.nodeCount(); v++) {
                NodeBox box = layout.node(graph.nodeId(v));
                boolean overlaps = box.right() > frame.left() && box.left() < frame.right()
                        && box.bottom() > frame.top() && box.top() < frame.bottom();
                assertTrue(!overlaps || graph.isInside(v, frame.compoundId()), box.id() + " intrudes into " + frame);
            }
            for (Frame other : layout.frames()) {
                boolean overlaps = other.right() > frame.left() && other.left() < frame.right()
                        && other.bottom() > frame.top() && other.top() < frame.bottom();
                assertTrue(other == frame || !overlaps || frame.encloses(other) || other.encloses(frame),
                        frame + " and " + other + " overlap without nesting");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void compoundMembersAreContiguousInEveryRank(String name, Supplier<LayoutGraph> net) {
        LayoutGraph graph = net.get();
        Layout layout = TOP_DOWN.layout(graph);
        for (List<NodeBox> rank : LayoutAssertions.ranks(layout).values()) {
            for (String compound : graph.compoundIds()) {
                int first = -1;
                int last = -1;
                int members = 0;
                for (int i = 0; i < rank.size(); i++) {
                    if (graph.isInside(graph.indexOf(rank.get(i).id()), compound)) {
                        first = first < 0 ? i : first;
                        last = i;
                        members++;
                    }
                }
                assertTrue(members == 0 || last - first + 1 == members, compound + " is contiguous in " + rank);
            }
        }
    }

    @Test
    void plainChainIsPerfectlyStraight() {
        Layout layout = TOP_DOWN.layout(SyntheticNets.chain(30));
        double x = layout.nodes().get(0).x();
        for (NodeBox box : layout.nodes()) {
            assertEquals(x, box.x(), 0.0, box.id());
        }
        for (EdgeRoute route : layout.edges()) {
            for (int i = 0; i < route.pointCount(); i++) {
                assertEquals(x, route.x(i), 0.0);
            }
        }
    }

    @Test
    void inceptionBranchesSitSideBySide() {
        LayoutGraph graph = SyntheticNets.inceptionModule();
        Layout layout = TOP_DOWN.layout(graph);
        List<String> firstOfBranch = List.of("conv1x1_3", "conv1x1_4", "conv1x1_6", "maxpool_8");
        Set<Double> xs = new HashSet<>();
        double y = layout.node(firstOfBranch.get(1)).y();
        for (String id : firstOfBranch) {
            xs.add(layout.node(id).x());
        }
        assertEquals(4, xs.size(), "four branches, four columns");
        List<String> secondOfBranch = List.of("conv3x3_5", "conv5x5_7", "conv1x1_9");
        for (String id : secondOfBranch) {
            assertEquals(layout.node("conv1x1_4").y() + 80, layout.node(id).y(), 1e-9, id + " one rank below");
        }
        assertEquals(y, layout.node("conv1x1_6").y(), 0.0);
        assertEquals(y, layout.node("maxpool_8").y(), 0.0);
    }

    @Test
    void longEdgesAreRoutedThroughOnePointPerRankTheyPass() {
        LayoutGraph graph = SyntheticNets.resnet50();
        Layout layout = TOP_DOWN.layout(graph);
        double rankPitch = SyntheticNets.BOX_HEIGHT + LayoutOptions.defaults().rankSeparation();
        int longEdges = 0;
        for (EdgeRoute route : layout.edges()) {
            double span = (layout.node(route.target()).y() - layout.node(route.source()).y()) / rankPitch;
            assertEquals(Math.round(span) + 1, route.pointCount(), "dummies on " + route.source() + " -> " + route.target());
            longEdges += span > 1.5 ? 1 : 0;
        }
        assertEquals(16, longEdges, "every block's shortcut, projected or not, skips the main path");
    }

    @Test
    void leftToRightKeepsRanksAndOrderButTurnsThem() {
        LayoutGraph graph = SyntheticNets.inceptionModule();
        Layout down = TOP_DOWN.layout(graph);
        Layout right = LEFT_RIGHT.layout(graph);
        List<List<NodeBox>> downRanks = List.copyOf(LayoutAssertions.ranks(down).values());
        List<List<NodeBox>> rightRanks = List.copyOf(LayoutAssertions.ranks(right).values());
        assertEquals(downRanks.size(), rightRanks.size());
        for (int r = 0; r < downRanks.size(); r++) {
            assertEquals(downRanks.get(r).stream().map(NodeBox::id).toList(),
                    rightRanks.get(r).stream().map(NodeBox::id).toList());
        }
        assertTrue(right.width() > right.height(), "ranks run rightwards");
        assertTrue(down.height() > down.width() / 2, "ranks run downwards");
        assertEquals(across(down, down.node("input_0")), across(down, down.node("concat_2")), 1e-9);
    }

    @Test
    void cycleIsReportedWithANodeOnIt() {
        LayoutGraph graph = LayoutGraph.builder()
                .node("in", 10, 10).node("a", 10, 10).node("b", 10, 10).node("c", 10, 10).node("out", 10, 10)
                .edge("in", "a").edge("a", "b").edge("b", "c").edge("c", "a").edge("c", "out")
                .build();
        CyclicGraphException error = assertThrows(CyclicGraphException.class, () -> TOP_DOWN.layout(graph));
        assertTrue(Set.of("a", "b", "c").contains(error.nodeOnCycle()), error.getMessage());
        assertTrue(error.getMessage().contains("'" + error.nodeOnCycle() + "'"));
    }

    @Test
    void selfLoopIsACycle() {
        LayoutGraph graph = LayoutGraph.builder().node("a", 1, 1).edge("a", "a").build();
        assertEquals("a", assertThrows(CyclicGraphException.class, () -> TOP_DOWN.layout(graph)).nodeOnCycle());
    }

    @Test
    void disconnectedPartsAndEmptyGraphsAreLaidOut() {
        LayoutGraph graph = LayoutGraph.builder()
                .node("a", 30, 10).node("b", 30, 10).node("lonely", 50, 20).node("c", 30, 10).node("d", 30, 10)
                .edge("a", "b").edge("c", "d").build();
        Layout layout = TOP_DOWN.layout(graph);
        LayoutAssertions.assertNoOverlap(layout);
        LayoutAssertions.assertEdgesFlowForward(layout);
        assertEquals(0, TOP_DOWN.layout(LayoutGraph.builder().build()).nodes().size());
    }

    @Test
    void qualityFiguresDescribeTheLayout() {
        LayoutGraph graph = SyntheticNets.resnet50();
        Layout layout = TOP_DOWN.layout(graph);
        LayoutQuality quality = LayoutQuality.of(layout);
        assertEquals(122, quality.nodeCount());
        assertEquals(137, quality.edgeCount());
        assertEquals(layout.width(), quality.width());
        assertEquals(layout.height(), quality.height());
        assertTrue(quality.totalEdgeLength() >= 136 * LayoutOptions.defaults().rankSeparation());
        assertTrue(quality.millis() > 0);
    }
}
