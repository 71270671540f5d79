package io.archexplorer.layouts;

/** Figures a layout reports about itself; {@link #of} measures any {@link Layout}, whoever computed it. */
public record LayoutQuality(int nodeCount, int edgeCount, long crossings, double totalEdgeLength,
                            double width, double height, double millis) {

    public static LayoutQuality of(Layout layout) {
        double length = 0;
        for (EdgeRoute route : layout.edges()) {
            double[] p = route.points();
            for (int i = 2; i < p.length; i += 2) {
                length += Math.hypot(p[i] - p[i - 2], p[i + 1] - p[i - 1]);
            }
        }
        return new LayoutQuality(layout.nodes().size(), layout.edges().size(), CrossingCounter.count(layout),
                length, layout.width(), layout.height(), layout.millis());
    }

    @Override
    public String toString() {
        return String.format("%d nodes, %d edges, %d crossings, edge length %.0f, %.0f x %.0f, %.2f ms",
                nodeCount, edgeCount, crossings, totalEdgeLength, width, height, millis);
    }
}
