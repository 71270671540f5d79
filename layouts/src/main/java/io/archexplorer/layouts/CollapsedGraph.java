package io.archexplorer.layouts;

import java.util.List;
import java.util.Map;

/**
 * A graph in which some compounds were collapsed into single nodes.
 *
 * @param graph   the collapsed graph; a collapsed compound's node has the compound's id
 * @param members for each collapsed node, the ids of the original nodes it stands for, in input order
 */
public record CollapsedGraph(LayoutGraph graph, Map<String, List<String>> members) {
}
