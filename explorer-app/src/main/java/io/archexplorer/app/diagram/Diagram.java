package io.archexplorer.app.diagram;

import io.archexplorer.engine.analysis.OpCategory;
import io.archexplorer.layouts.Layout;
import java.util.List;

/**
 * A laid-out picture of a net, in drawing units (pixels at scale 1), ready for any {@link Surface}.
 *
 * @param layout the layout it came from: a hint that keeps the next variant's picture stable, and its figures
 */
public record Diagram(String title, List<Node> nodes, List<Edge> edges, List<Frame> frames, Layout layout) {

    /**
     * A box: one layer (with the in-place layers folded into it) or a collapsed block.
     *
     * @param layers indices of the net's layers the box stands for
     * @param category the op category of its head layer; null for a collapsed block
     * @param lines label lines, the first one bold
     * @param x centre
     * @param y centre
     */
    public record Node(String id, List<Integer> layers, OpCategory category, List<String> lines, double x, double y,
                       double width, double height) {
        public boolean isBlock() {
            return category == null;
        }
    }

    /**
     * @param label the shape (C×H×W) of the tensor the edge carries
     * @param points route, x and y alternating, from the source's border to the target's
     */
    public record Edge(String source, String target, String label, double[] points) {
    }

    /** The frame of an expanded block. */
    public record Frame(String block, double left, double top, double right, double bottom) {
    }

    public double width() {
        return layout.width();
    }

    public double height() {
        return layout.height();
    }
}
