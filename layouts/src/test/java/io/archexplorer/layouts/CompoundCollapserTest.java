package io.archexplorer.layouts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompoundCollapserTest {

    private static List<String> membersOf(LayoutGraph graph, String compound) {
        List<String> members = new ArrayList<>();
        for (int v = 0; v < graph.nodeCount(); v++) {
            if (graph.isInside(v, compound)) {
                members.add(graph.nodeId(v));
            }
        }
        return members;
    }

    @Test
    void collapsedBlockContainsExactlyItsMembers() {
        LayoutGraph graph = SyntheticNets.resnet50();
        CollapsedGraph collapsed = CompoundCollapser.collapse(graph, Set.of("layer2.0", "layer3"), 160, 50);
        assertEquals(membersOf(graph, "layer2.0"), collapsed.members().get("layer2.0"));
        assertEquals(membersOf(graph, "layer3"), collapsed.members().get("layer3"));
        assertEquals(2, collapsed.members().size());
        LayoutGraph small = collapsed.graph();
        int hidden = membersOf(graph, "layer2.0").size() + membersOf(graph, "layer3").size();
        assertEquals(graph.nodeCount() - hidden + 2, small.nodeCount());
        int box = small.indexOf("layer2.0");
        assertEquals(160, small.width(box));
        assertEquals("layer2", small.compoundOf(box), "a collapsed block stays inside its stage");
        assertNull(small.compoundOf(small.indexOf("layer3")));
        assertTrue(small.compoundIds().stream().noneMatch(c -> c.startsWith("layer3")));
    }

    @Test
    void edgesAcrossTheBorderAreRedirectedAndMerged() {
        LayoutGraph graph = SyntheticNets.inceptionModule();
        CollapsedGraph collapsed = CompoundCollapser.collapse(graph, Set.of("mixed"), 200, 40);
        LayoutGraph small = collapsed.graph();
        assertEquals(3, small.nodeCount());
        assertEquals(2, small.edgeCount(), "the four edges into the module merge into one");
        assertEquals("conv_1", small.edgeSource(1));
        assertEquals("mixed", small.edgeTarget(1));
        Layout layout = new LayeredLayout(LayoutOptions.defaults()).layout(small);
        assertEquals(200, layout.node("mixed").width());
    }

    @Test
    void nestedChoiceCollapsesTheOutermost() {
        LayoutGraph graph = SyntheticNets.resnet50();
        CollapsedGraph collapsed = CompoundCollapser.collapse(graph, Set.of("layer1", "layer1.1"), 100, 40);
        assertEquals(Set.of("layer1"), collapsed.members().keySet());
        assertEquals(new HashSet<>(membersOf(graph, "layer1")), new HashSet<>(collapsed.members().get("layer1")));
    }
}
