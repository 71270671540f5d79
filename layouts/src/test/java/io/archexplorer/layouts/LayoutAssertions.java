package io.archexplorer.layouts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checks every layout must pass, whatever the graph. */
final class LayoutAssertions {
    private static final double EPSILON = 1e-6;

    private LayoutAssertions() {
    }

    static void assertNoOverlap(Layout layout) {
        List<NodeBox> boxes = new ArrayList<>(layout.nodes());
        boxes.sort(Comparator.comparingDouble(NodeBox::left));
        for (int i = 0; i < boxes.size(); i++) {
            NodeBox a = boxes.get(i);
            for (int j = i + 1; j < boxes.size() && boxes.get(j).left() < a.right() - EPSILON; j++) {
                NodeBox b = boxes.get(j);
                boolean apartVertically = b.top() >= a.bottom() - EPSILON || a.top() >= b.bottom() - EPSILON;
                if (!apartVertically) {
                    fail("boxes overlap: " + a + " and " + b);
                }
            }
        }
    }

    /** Boxes, routes and frames lie within [0, width] × [0, height], touching the top and left edges. */
    static void assertInsideDrawing(Layout layout) {
        double left = Double.POSITIVE_INFINITY;
        double top = Double.POSITIVE_INFINITY;
        for (NodeBox box : layout.nodes()) {
            assertTrue(box.right() <= layout.width() + EPSILON && box.bottom() <= layout.height() + EPSILON, box.id());
            left = Math.min(left, box.left());
            top = Math.min(top, box.top());
        }
        for (EdgeRoute route : layout.edges()) {
            for (int i = 0; i < route.pointCount(); i++) {
                assertTrue(route.x(i) >= -EPSILON && route.x(i) <= layout.width() + EPSILON, route.source() + " x");
                assertTrue(route.y(i) >= -EPSILON && route.y(i) <= layout.height() + EPSILON, route.source() + " y");
                left = Math.min(left, route.x(i));
                top = Math.min(top, route.y(i));
            }
        }
        for (Frame frame : layout.frames()) {
            left = Math.min(left, frame.left());
            top = Math.min(top, frame.top());
        }
        assertEquals(0, left, EPSILON);
        assertEquals(0, top, EPSILON);
    }

    /** Position of a box along the flow: y for top-to-bottom, x for left-to-right. */
    static double along(Layout layout, NodeBox box) {
        return layout.direction() == Direction.TOP_TO_BOTTOM ? box.y() : box.x();
    }

    static double across(Layout layout, NodeBox box) {
        return layout.direction() == Direction.TOP_TO_BOTTOM ? box.x() : box.y();
    }

    /** Every edge runs downstream and its route advances monotonically along the flow. */
    static void assertEdgesFlowForward(Layout layout) {
        boolean topToBottom = layout.direction() == Direction.TOP_TO_BOTTOM;
        for (EdgeRoute route : layout.edges()) {
            NodeBox source = layout.node(route.source());
            NodeBox target = layout.node(route.target());
            assertTrue(along(layout, target) > along(layout, source), "edge must run downstream: " + route);
            double previous = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < route.pointCount(); i++) {
                double a = topToBottom ? route.y(i) : route.x(i);
                assertTrue(a >= previous - EPSILON, "route must advance along the flow: " + route.source()
                        + " -> " + route.target());
                previous = a;
            }
            double startAlong = topToBottom ? route.y(0) : route.x(0);
            double sourceEnd = topToBottom ? source.bottom() : source.right();
            assertEquals(sourceEnd, startAlong, EPSILON, "route starts on the source's downstream side");
        }
    }

    /** Ranks as the distinct box centres along the flow, each with its boxes in cross-axis order. */
    static Map<Double, List<NodeBox>> ranks(Layout layout) {
        Map<Double, List<NodeBox>> ranks = new TreeMap<>();
        for (NodeBox box : layout.nodes()) {
            ranks.computeIfAbsent(along(layout, box), k -> new ArrayList<>()).add(box);
        }
        for (List<NodeBox> rank : ranks.values()) {
            rank.sort(Comparator.comparingDouble(b -> across(layout, b)));
        }
        return ranks;
    }
}
