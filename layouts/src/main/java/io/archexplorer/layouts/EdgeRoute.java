package io.archexplorer.layouts;

/**
 * An edge drawn as a polyline from the source box's border to the target box's border.
 * {@code points} interleaves coordinates {@code x0, y0, x1, y1, ...}; the inner points are where a
 * long edge passes a rank, so they also serve as control points for a smooth spline.
 * The array is owned by the route: do not modify it.
 */
public record EdgeRoute(String source, String target, double[] points) {

    public int pointCount() {
        return points.length / 2;
    }

    public double x(int point) {
        return points[2 * point];
    }

    public double y(int point) {
        return points[2 * point + 1];
    }
}
