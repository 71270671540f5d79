package io.archexplorer.app.diagram;

import java.util.ArrayList;
import java.util.List;

/** A path of straight and cubic segments, as SVG, Java2D and JavaFX all draw them. */
public final class Path {
    /** One segment; {@code c1}/{@code c2} are the control points of a cubic, absent for a line. */
    public record Segment(boolean cubic, double c1x, double c1y, double c2x, double c2y, double x, double y) {
    }

    private final double startX;
    private final double startY;
    private final List<Segment> segments = new ArrayList<>();

    public Path(double startX, double startY) {
        this.startX = startX;
        this.startY = startY;
    }

    public Path lineTo(double x, double y) {
        segments.add(new Segment(false, 0, 0, 0, 0, x, y));
        return this;
    }

    public Path cubicTo(double c1x, double c1y, double c2x, double c2y, double x, double y) {
        segments.add(new Segment(true, c1x, c1y, c2x, c2y, x, y));
        return this;
    }

    public double startX() {
        return startX;
    }

    public double startY() {
        return startY;
    }

    public List<Segment> segments() {
        return segments;
    }

    /**
     * A smooth curve through the points (Catmull–Rom, as cubic Béziers): it passes through every route point, so
     * it stays in the channels the layout reserved for the edge, without the corners of a polyline.
     */
    public static Path smoothThrough(double[] xy) {
        Path p = new Path(xy[0], xy[1]);
        int n = xy.length / 2;
        for (int i = 0; i < n - 1; i++) {
            double x0 = xy[2 * Math.max(i - 1, 0)];
            double y0 = xy[2 * Math.max(i - 1, 0) + 1];
            double x1 = xy[2 * i];
            double y1 = xy[2 * i + 1];
            double x2 = xy[2 * i + 2];
            double y2 = xy[2 * i + 3];
            double x3 = xy[2 * Math.min(i + 2, n - 1)];
            double y3 = xy[2 * Math.min(i + 2, n - 1) + 1];
            p.cubicTo(x1 + (x2 - x0) / 6, y1 + (y2 - y0) / 6, x2 - (x3 - x1) / 6, y2 - (y3 - y1) / 6, x2, y2);
        }
        return p;
    }
}
