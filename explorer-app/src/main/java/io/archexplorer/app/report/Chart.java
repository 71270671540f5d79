package io.archexplorer.app.report;

import java.util.List;

/**
 * A chart of measured or counted figures, independent of any toolkit, drawn to SVG or PNG by {@code app.diagram.ChartPainter} and shown by the window:
 * the labs' bars, the sweeps' curves, the atlas' scatter.
 *
 * @param kind how the series are drawn
 * @param categories the x labels of a bar chart (a point's x is the index into them); empty for the others
 * @param logX logarithmic x axis (curves and scatter only)
 * @param logY logarithmic y axis
 */
public record Chart(String title, Kind kind, String xLabel, String yLabel, List<String> categories, boolean logX,
                    boolean logY, List<Series> series) {
    public Chart {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
    }

    /** Bars side by side per category, curves through the points in x order, or labelled points. */
    public enum Kind { BARS, CURVES, SCATTER }

    /** One colour in the legend. */
    public record Series(String name, List<Point> points) {
        public Series {
            points = List.copyOf(points);
        }
    }

    /**
     * @param low the lower end of the point's error bar (e.g. q1); NaN for none
     * @param high the upper end (e.g. q3)
     * @param label drawn beside the point in a scatter; may be empty
     */
    public record Point(double x, double y, double low, double high, String label) {
        public static Point of(double x, double y) {
            return new Point(x, y, Double.NaN, Double.NaN, "");
        }
    }
}
