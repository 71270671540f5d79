package io.archexplorer.layouts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished layout: boxes (centre coordinates), edge polylines and compound frames, in the box
 * sizes' units with x to the right and y downwards. Works for any layered drawing, ours or another
 * engine's, so that {@link LayoutQuality} can measure both the same way.
 */
public final class Layout {
    private final Direction direction;
    private final List<NodeBox> nodes;
    private final List<EdgeRoute> edges;
    private final List<Frame> frames;
    private final Map<String, NodeBox> nodesById;
    private final Map<String, Frame> framesById;
    private final double width;
    private final double height;
    private final double millis;

    /**
     * @param millis how long computing the layout took
     */
    public Layout(Direction direction, List<NodeBox> nodes, List<EdgeRoute> edges, List<Frame> frames, double millis) {
        this.direction = direction;
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.frames = List.copyOf(frames);
        this.millis = millis;
        nodesById = new HashMap<>(2 * nodes.size());
        double right = 0;
        double bottom = 0;
        for (NodeBox box : nodes) {
            nodesById.put(box.id(), box);
            right = Math.max(right, box.right());
            bottom = Math.max(bottom, box.bottom());
        }
        for (EdgeRoute route : edges) {
            for (int i = 0; i < route.pointCount(); i++) {
                right = Math.max(right, route.x(i));
                bottom = Math.max(bottom, route.y(i));
            }
        }
        framesById = new HashMap<>(2 * frames.size());
        for (Frame frame : frames) {
            framesById.put(frame.compoundId(), frame);
            right = Math.max(right, frame.right());
            bottom = Math.max(bottom, frame.bottom());
        }
        width = right;
        height = bottom;
    }

    public Direction direction() {
        return direction;
    }

    public List<NodeBox> nodes() {
        return nodes;
    }

    public List<EdgeRoute> edges() {
        return edges;
    }

    public List<Frame> frames() {
        return frames;
    }

    /** The box of the node with this id, or null. */
    public NodeBox node(String id) {
        return nodesById.get(id);
    }

    /** The frame of the compound with this id, or null. */
    public Frame frame(String compoundId) {
        return framesById.get(compoundId);
    }

    /** Right-most extent of boxes, routes and frames (the drawing starts at 0). */
    public double width() {
        return width;
    }

    /** Bottom-most extent of boxes, routes and frames (the drawing starts at 0). */
    public double height() {
        return height;
    }

    public double millis() {
        return millis;
    }
}
