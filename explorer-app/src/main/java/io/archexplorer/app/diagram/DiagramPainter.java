package io.archexplorer.app.diagram;

import io.archexplorer.layouts.Direction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Draws a {@link Diagram} on any {@link Surface}: title, block frames, edges with the shape of the tensor they
 * carry, boxes coloured by op category, and a legend of the categories present. The SVG file, the PNG file and
 * the window all come from this one method.
 */
public final class DiagramPainter {
    public static final double MARGIN = 20;
    private static final double TITLE_HEIGHT = 34;
    private static final double LEGEND_GAP = 30;
    private static final double LEGEND_ROW = 18;
    private static final double LEGEND_WIDTH = 190;
    private static final Rgb INK = Rgb.hex("#1f2933");
    private static final Rgb MUTED = Rgb.hex("#616e7c");
    private static final Rgb EDGE = Rgb.hex("#7b8794");
    private static final Rgb FRAME = Rgb.hex("#9aa5b1");
    private static final Rgb SELECTION = Rgb.hex("#ff7a00");

    private DiagramPainter() {
    }

    /** Width of the whole picture, legend included. */
    public static double width(Diagram d) {
        return MARGIN + d.width() + LEGEND_GAP + LEGEND_WIDTH + MARGIN;
    }

    public static double height(Diagram d) {
        return MARGIN + TITLE_HEIGHT + Math.max(d.height(), (NodeStyle.CATEGORIES.legend(d).size() + 1) * LEGEND_ROW)
                + MARGIN;
    }

    public static void paint(Diagram d, Surface s) {
        paint(d, s, NodeStyle.CATEGORIES);
    }

    /** The whole picture as a file shows it: title, graph and legend. */
    public static void paint(Diagram d, Surface s, NodeStyle style) {
        s.rect(0, 0, width(d), height(d), 0, Rgb.hex("#ffffff"), null, 0);
        s.text(d.title(), MARGIN, MARGIN + 16, 15, true, INK, Surface.Anchor.START);
        paintGraph(d, s, MARGIN, MARGIN + TITLE_HEIGHT, style, null);
        paintLegend(s, style.legend(d), MARGIN + d.width() + LEGEND_GAP, MARGIN + TITLE_HEIGHT);
    }

    /**
     * The graph alone, its (0, 0) at (ox, oy): block frames, edges, shape labels and boxes. The window draws this
     * and keeps its legend on screen while the graph pans.
     *
     * @param selected the id of the box drawn with a highlight ring, or null
     */
    public static void paintGraph(Diagram d, Surface s, double ox, double oy, NodeStyle style, String selected) {
        List<Diagram.Frame> frames = new ArrayList<>(d.frames());
        frames.sort(Comparator.comparingDouble(f -> -(f.right() - f.left()) * (f.bottom() - f.top())));
        for (Diagram.Frame f : frames) {
            s.rect(ox + f.left(), oy + f.top(), f.right() - f.left(), f.bottom() - f.top(), 6,
                    Rgb.hex("#52606d").withAlpha(0.045), FRAME, 0.8);
        }
        for (Diagram.Edge e : d.edges()) {
            paintEdge(s, e, ox, oy);
        }
        // Block names go over the edges, on a halo, so an edge entering the frame cannot hide them.
        for (Diagram.Frame f : frames) {
            halo(s, f.block(), ox + f.left() + 5, oy + f.top() + 9, 8.5);
            s.text(f.block(), ox + f.left() + 5, oy + f.top() + 9, 8.5, false, MUTED, Surface.Anchor.START);
        }
        Set<String> labelled = new HashSet<>();
        for (Diagram.Edge e : d.edges()) {
            if (!e.label().isEmpty() && labelled.add(e.source())) {
                paintEdgeLabel(s, e, d.layout().direction(), ox, oy);
            }
        }
        for (Diagram.Node n : d.nodes()) {
            paintNode(s, n, style.color(n), ox, oy);
            if (n.id().equals(selected)) {
                s.rect(ox + n.x() - n.width() / 2 - 4, oy + n.y() - n.height() / 2 - 4, n.width() + 8,
                        n.height() + 8, 8, null, SELECTION, 3);
            }
        }
    }

    private static void paintEdge(Surface s, Diagram.Edge e, double ox, double oy) {
        double[] p = e.points().clone();
        for (int i = 0; i < p.length; i += 2) {
            p[i] += ox;
            p[i + 1] += oy;
        }
        int n = p.length;
        double dx = p[n - 2] - p[n - 4];
        double dy = p[n - 1] - p[n - 3];
        double len = Math.max(1e-9, Math.hypot(dx, dy));
        double ux = dx / len;
        double uy = dy / len;
        double head = 7;
        // The curve stops at the arrowhead's base, so its end does not poke through the tip.
        double[] shortened = p.clone();
        shortened[n - 2] -= ux * head * 0.8;
        shortened[n - 1] -= uy * head * 0.8;
        s.path(Path.smoothThrough(shortened), EDGE, 1.1, null);
        double tipX = p[n - 2];
        double tipY = p[n - 1];
        s.polygon(new double[] {tipX, tipY, tipX - ux * head - uy * head * 0.45, tipY - uy * head + ux * head * 0.45,
            tipX - ux * head + uy * head * 0.45, tipY - uy * head - ux * head * 0.45}, EDGE);
    }

    /** One label per source box, just past where its edges leave it: the shape of the tensor the box outputs. */
    private static void paintEdgeLabel(Surface s, Diagram.Edge e, Direction direction, double ox, double oy) {
        double x = ox + e.points()[0];
        double y = oy + e.points()[1];
        double size = 8.5;
        double lx = direction == Direction.TOP_TO_BOTTOM ? x + 4 : x + 3;
        double ly = direction == Direction.TOP_TO_BOTTOM ? y + 11 : y - 4;
        halo(s, e.label(), lx, ly, size);
        s.text(e.label(), lx, ly, size, false, MUTED, Surface.Anchor.START);
    }

    /** A translucent white patch behind small text, so lines passing under it do not make it unreadable. */
    private static void halo(Surface s, String text, double x, double baseline, double size) {
        s.rect(x - 1.5, baseline - size + 1, Surface.textWidth(text, size) + 3, size + 2, 2,
                Rgb.hex("#ffffff").withAlpha(0.85), null, 0);
    }

    private static void paintNode(Surface s, Diagram.Node n, Rgb color, double ox, double oy) {
        double left = ox + n.x() - n.width() / 2;
        double top = oy + n.y() - n.height() / 2;
        s.rect(left, top, n.width(), n.height(), 5, color.lighter(0.84), color, n.isBlock() ? 1.8 : 1.1);
        double baseline = top + 7 + DiagramBuilder.LINE_HEIGHT - 3.5;
        for (int i = 0; i < n.lines().size(); i++) {
            s.text(n.lines().get(i), ox + n.x(), baseline + i * DiagramBuilder.LINE_HEIGHT, DiagramBuilder.FONT_SIZE,
                    i == 0, i == 0 ? INK : color.darker(0.35), Surface.Anchor.MIDDLE);
        }
    }

    private static void paintLegend(Surface s, List<NodeStyle.LegendEntry> rows, double x, double y) {
        s.text("legend", x, y + 10, 10, true, MUTED, Surface.Anchor.START);
        double row = y + LEGEND_ROW;
        for (NodeStyle.LegendEntry entry : rows) {
            legendRow(s, x, row, entry.color(), entry.label());
            row += LEGEND_ROW;
        }
    }

    private static void legendRow(Surface s, double x, double y, Rgb color, String label) {
        s.rect(x, y, 22, 12, 3, color.lighter(0.84), color, 1.1);
        s.text(label, x + 30, y + 10, 10, false, INK, Surface.Anchor.START);
    }
}
