package io.archexplorer.layouts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collapses chosen compounds (a ResNet bottleneck, a dense block, an inception module) into single
 * boxes. Edges inside a collapsed compound disappear; edges crossing its border are redirected to
 * its box, and those that thereby become parallel are merged. When nested compounds are both
 * chosen, the outer one wins.
 */
public final class CompoundCollapser {
    private CompoundCollapser() {
    }

    /** The collapsed boxes get size {@code width × height}; everything else is copied unchanged. */
    public static CollapsedGraph collapse(LayoutGraph graph, Set<String> compoundIds, double width, double height) {
        int n = graph.nodeCount();
        String[] representative = new String[n];
        for (int v = 0; v < n; v++) {
            representative[v] = outermostCollapsed(graph, v, compoundIds);
        }
        LayoutGraph.Builder builder = LayoutGraph.builder();
        for (String compound : graph.compoundIds()) {
            String parent = graph.compoundParent(compound);
            if (parent != null && !insideCollapsed(graph, compound, compoundIds)) {
                builder.compound(compound, parent);
            }
        }
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (int v = 0; v < n; v++) {
            String collapsed = representative[v];
            if (collapsed == null) {
                builder.node(graph.nodeId(v), graph.width(v), graph.height(v), graph.compoundOf(v));
                continue;
            }
            if (!members.containsKey(collapsed)) {
                builder.node(collapsed, width, height, graph.compoundParent(collapsed));
                members.put(collapsed, new ArrayList<>());
            }
            members.get(collapsed).add(graph.nodeId(v));
        }
        Set<String> mergedEdges = new HashSet<>();
        for (int e = 0; e < graph.edgeCount(); e++) {
            int s = graph.edgeSources[e];
            int t = graph.edgeTargets[e];
            if (representative[s] == null && representative[t] == null) {
                builder.edge(graph.nodeId(s), graph.nodeId(t));
                continue;
            }
            String source = representative[s] == null ? graph.nodeId(s) : representative[s];
            String target = representative[t] == null ? graph.nodeId(t) : representative[t];
            if (!source.equals(target) && mergedEdges.add(source + '\u0000' + target)) {
                builder.edge(source, target);
            }
        }
        members.replaceAll((id, list) -> List.copyOf(list));
        return new CollapsedGraph(builder.build(), Collections.unmodifiableMap(members));
    }

    private static String outermostCollapsed(LayoutGraph graph, int node, Set<String> compoundIds) {
        String found = null;
        for (String c = graph.compoundOf(node); c != null; c = graph.compoundParent(c)) {
            if (compoundIds.contains(c)) {
                found = c;
            }
        }
        return found;
    }

    private static boolean insideCollapsed(LayoutGraph graph, String compound, Set<String> compoundIds) {
        for (String c = compound; c != null; c = graph.compoundParent(c)) {
            if (compoundIds.contains(c)) {
                return true;
            }
        }
        return false;
    }
}
