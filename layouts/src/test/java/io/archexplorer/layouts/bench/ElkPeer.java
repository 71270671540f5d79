package io.archexplorer.layouts.bench;

import io.archexplorer.layouts.Direction;
import io.archexplorer.layouts.EdgeRoute;
import io.archexplorer.layouts.Layout;
import io.archexplorer.layouts.LayoutGraph;
import io.archexplorer.layouts.NodeBox;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * ELK layered, the benchmark peer: lays out a {@link LayoutGraph} (flat: compounds are ignored, since ELK would
 * need a hierarchical graph) top to bottom and reads the result back as a {@link Layout}, so that both engines'
 * drawings are measured by the same {@link io.archexplorer.layouts.CrossingCounter}.
 */
public final class ElkPeer {
    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private ElkPeer() {
    }

    /** Builds the ELK graph (untimed), times only ELK's layout run (in {@link Layout#millis()}). */
    public static Layout layout(LayoutGraph graph) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, org.eclipse.elk.core.options.Direction.DOWN);
        ElkNode[] nodes = new ElkNode[graph.nodeCount()];
        for (int v = 0; v < nodes.length; v++) {
            nodes[v] = ElkGraphUtil.createNode(root);
            nodes[v].setIdentifier(graph.nodeId(v));
            nodes[v].setDimensions(graph.width(v), graph.height(v));
        }
        List<ElkEdge> edges = new ArrayList<>(graph.edgeCount());
        for (int e = 0; e < graph.edgeCount(); e++) {
            edges.add(ElkGraphUtil.createSimpleEdge(nodes[graph.indexOf(graph.edgeSource(e))],
                    nodes[graph.indexOf(graph.edgeTarget(e))]));
        }
        long start = System.nanoTime();
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        double millis = (System.nanoTime() - start) / 1e6;

        List<NodeBox> boxes = new ArrayList<>(nodes.length);
        for (ElkNode node : nodes) {
            boxes.add(new NodeBox(node.getIdentifier(), node.getX() + node.getWidth() / 2,
                    node.getY() + node.getHeight() / 2, node.getWidth(), node.getHeight()));
        }
        List<EdgeRoute> routes = new ArrayList<>(edges.size());
        for (int e = 0; e < edges.size(); e++) {
            ElkEdgeSection section = edges.get(e).getSections().get(0);
            double[] points = new double[2 * (section.getBendPoints().size() + 2)];
            points[0] = section.getStartX();
            points[1] = section.getStartY();
            int k = 2;
            for (ElkBendPoint bend : section.getBendPoints()) {
                points[k++] = bend.getX();
                points[k++] = bend.getY();
            }
            points[k++] = section.getEndX();
            points[k] = section.getEndY();
            routes.add(new EdgeRoute(graph.edgeSource(e), graph.edgeTarget(e), points));
        }
        return new Layout(Direction.TOP_TO_BOTTOM, boxes, routes, List.of(), millis);
    }
}
