package io.archexplorer.app.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.layouts.Direction;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.Preset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DiagramBuilderTest {

    static Stream<String> presets() {
        return Catalog.standard().presets().stream().map(Preset::name);
    }

    private static Analysis analysis(String preset) {
        return CostAnalysis.analyze(Catalog.standard().resolve(preset, Map.of()).build());
    }

    /** Every layer is drawn in exactly one box, no two boxes overlap, and every edge joins two drawn boxes. */
    @ParameterizedTest
    @MethodSource("presets")
    void everyPresetDrawsEveryLayerOnceWithoutOverlap(String preset) {
        Analysis a = analysis(preset);
        for (DiagramOptions options : List.of(DiagramOptions.defaults(),
                DiagramOptions.defaults().withCollapsed(leafBlocks(a.net())).withDirection(Direction.LEFT_TO_RIGHT))) {
            Diagram d = DiagramBuilder.build(preset, a, options, null);
            List<Integer> drawn = new ArrayList<>();
            d.nodes().forEach(n -> drawn.addAll(n.layers()));
            drawn.sort(Integer::compare);
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < a.net().size(); i++) {
                all.add(i);
            }
            assertEquals(all, drawn, preset + ": each layer in one box");
            assertNoOverlap(d);
            Set<String> ids = d.nodes().stream().map(Diagram.Node::id).collect(Collectors.toSet());
            for (Diagram.Edge e : d.edges()) {
                assertTrue(ids.contains(e.source()) && ids.contains(e.target()), e.source() + " → " + e.target());
            }
        }
    }

    private static void assertNoOverlap(Diagram d) {
        List<Diagram.Node> nodes = d.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                Diagram.Node p = nodes.get(i);
                Diagram.Node q = nodes.get(j);
                boolean apart = Math.abs(p.x() - q.x()) >= (p.width() + q.width()) / 2 - 1e-6
                        || Math.abs(p.y() - q.y()) >= (p.height() + q.height()) / 2 - 1e-6;
                assertTrue(apart, p.id() + " overlaps " + q.id());
            }
        }
    }

    static Set<String> leafBlocks(Net net) {
        Set<String> blocks = new TreeSet<>();
        for (Layer l : net.layers()) {
            if (!l.block().isEmpty()) {
                blocks.add(l.block());
            }
        }
        return blocks;
    }

    /** Netscope's convention: conv → batchnorm → relu is one box; a branch point keeps its own box. */
    @Test
    void inPlaceLayersFoldIntoTheirProducer() {
        Diagram d = DiagramBuilder.build("r18", analysis("resnet18"), DiagramOptions.defaults(), null);
        Diagram.Node conv1 = node(d, "conv1");
        assertEquals(List.of("conv1", "conv 7×7/2, 64", "+ bn + relu"), conv1.lines());
        assertEquals(3, conv1.layers().size());
        Diagram unfolded = DiagramBuilder.build("r18", analysis("resnet18"),
                DiagramOptions.defaults().withFoldInPlace(false), null);
        assertEquals(analysis("resnet18").net().size(), unfolded.nodes().size());
    }

    /** A collapsed bottleneck is one box holding exactly the layers of its block, framed no more. */
    @Test
    void collapsedBlockContainsExactlyItsLayers() {
        Analysis a = analysis("resnext50_32x4d");
        Diagram d = DiagramBuilder.build("x", a, DiagramOptions.defaults().withCollapsed(Set.of("layer2.0")), null);
        Set<Integer> expected = new HashSet<>();
        for (int i = 0; i < a.net().size(); i++) {
            if (a.net().layer(i).block().equals("layer2.0")) {
                expected.add(i);
            }
        }
        Diagram.Node block = node(d, "layer2.0");
        assertTrue(block.isBlock());
        assertEquals(expected, new HashSet<>(block.layers()));
        assertEquals("layer2.0", block.lines().get(0));
        assertFalse(d.frames().stream().anyMatch(f -> f.block().equals("layer2.0")));
        assertTrue(d.frames().stream().anyMatch(f -> f.block().equals("layer2.1")));
    }

    /** Expanded blocks are framed, and each frame encloses the boxes of its block. */
    @Test
    void framesEncloseTheirBlocks() {
        Analysis a = analysis("googlenet");
        Diagram d = DiagramBuilder.build("g", a, DiagramOptions.defaults(), null);
        Diagram.Frame frame = d.frames().stream().filter(f -> f.block().equals("inception4a")).findFirst()
                .orElseThrow();
        int inside = 0;
        for (Diagram.Node n : d.nodes()) {
            if (a.net().layer(n.layers().get(0)).block().equals("inception4a")) {
                inside++;
                assertTrue(n.x() - n.width() / 2 >= frame.left() && n.x() + n.width() / 2 <= frame.right()
                        && n.y() - n.height() / 2 >= frame.top() && n.y() + n.height() / 2 <= frame.bottom(), n.id());
            }
        }
        assertTrue(inside >= 7, "4 branches, 6 convs and a pool and a concat");
    }

    /** The label of an edge is the shape of the tensor its source produces. */
    @Test
    void edgesCarryTheTensorShape() {
        Diagram d = DiagramBuilder.build("r18", analysis("resnet18"), DiagramOptions.defaults(), null);
        Diagram.Edge e = d.edges().stream().filter(x -> x.source().equals("maxpool")).findFirst().orElseThrow();
        assertEquals("64×56×56", e.label());
    }

    /**
     * An edge that leaves a collapsed block carries the tensor the block passes on, not that of a layer inside it:
     * GoogLeNet's modules pass on their concatenation, Xception's entry block 1 its sum after the strided pool.
     */
    @Test
    void edgesLeavingACollapsedBlockCarryItsOutput() {
        Analysis g = analysis("googlenet");
        Diagram d = DiagramBuilder.build("g", g, DiagramOptions.defaults().withCollapsed(
                DiagramBuilder.innermostBlocks(g.net())), null);
        int checked = 0;
        for (Diagram.Edge e : d.edges()) {
            if (e.source().startsWith("inception")) {
                String concat = e.source() + ".concat";
                assertEquals(g.net().outputShape(g.net().indexOf(concat)).perImage(), e.label(), e.source());
                checked++;
            }
        }
        assertEquals(9, checked, "one edge out of each of the nine modules");
        Analysis x = analysis("xception");
        Diagram xd = DiagramBuilder.build("x", x, DiagramOptions.defaults().withCollapsed(
                DiagramBuilder.innermostBlocks(x.net())), null);
        assertEquals("128×74×74", xd.edges().stream().filter(e -> e.source().equals("entry_flow.block1"))
                .findFirst().orElseThrow().label());
    }

    /**
     * Dragging a knob rebuilds the net: given the previous diagram, boxes that still exist keep their place. Going
     * from ResNeXt-50 32×4d to 64×4d changes widths and labels, not the graph, so every box stays put.
     */
    @Test
    void aKnobChangeKeepsTheBoxesInPlace() {
        Diagram before = DiagramBuilder.build("x", analysis("resnext50_32x4d"), DiagramOptions.defaults(), null);
        Analysis wider = CostAnalysis.analyze(Catalog.standard().resolve("resnext50_32x4d",
                Map.of("cardinality", "64")).build());
        Diagram after = DiagramBuilder.build("x", wider, DiagramOptions.defaults(), before);
        assertEquals(before.nodes().size(), after.nodes().size());
        for (Diagram.Node b : before.nodes()) {
            Diagram.Node a = node(after, b.id());
            assertEquals(b.y(), a.y(), 1e-6, b.id() + " stays on its rank");
            assertEquals(b.x(), a.x(), 60, b.id() + " stays about where it was");
        }
    }

    private static Diagram.Node node(Diagram d, String id) {
        return d.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }
}
