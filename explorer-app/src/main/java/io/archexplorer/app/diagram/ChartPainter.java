package io.archexplorer.app.diagram;

import io.archexplorer.app.report.Chart;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Draws {@link Chart}s on a {@link Surface}: axes with round ticks, the series, error bars, a legend. */
public final class ChartPainter {
    public static final double WIDTH = 720;
    public static final double HEIGHT = 420;
    private static final double LEFT = 78;
    private static final double RIGHT = 20;
    /** Above the plot: the title, one line of legend, the y axis' label. */
    private static final double TOP = 74;
    private static final double BOTTOM = 64;
    private static final Rgb INK = Rgb.hex("#222222");
    private static final Rgb GRID = Rgb.hex("#dddddd");
    /** Distinct colours for series, in order (colour-blind safe, after Okabe and Ito). */
    private static final Rgb[] SERIES = {Rgb.hex("#0072b2"), Rgb.hex("#d55e00"), Rgb.hex("#009e73"),
        Rgb.hex("#cc79a7"), Rgb.hex("#e69f00"), Rgb.hex("#56b4e9"), Rgb.hex("#000000"), Rgb.hex("#b8a400"),
        Rgb.hex("#7f3c8d"), Rgb.hex("#8c564b"), Rgb.hex("#e31a1c"), Rgb.hex("#7f7f7f")};
    private static final double LEGEND_LINE = 16;

    private ChartPainter() {
    }

    public static Rgb seriesColor(int i) {
        return SERIES[i % SERIES.length];
    }

    /** Paints {@code chart} into the box at (x0, y0) of {@link #WIDTH} × {@link #HEIGHT}. */
    public static void paint(Chart chart, Surface s, double x0, double y0) {
        s.rect(x0, y0, WIDTH, HEIGHT, 0, Rgb.hex("#ffffff"), null, 0);
        s.text(chart.title(), x0 + WIDTH / 2, y0 + 22, 15, true, INK, Surface.Anchor.MIDDLE);
        double px = x0 + LEFT;
        double pw = WIDTH - LEFT - RIGHT;
        int legendLines = legend(chart, null, x0 + 8, y0 + 42, WIDTH - 16);
        double py = y0 + TOP + (legendLines - 1) * LEGEND_LINE;
        double ph = HEIGHT - (py - y0) - BOTTOM;
        boolean bars = chart.kind() == Chart.Kind.BARS;
        Axis x = bars ? new Axis(-0.5, chart.categories().size() - 0.5, false) : Axis.of(chart, true);
        Axis y = Axis.of(chart, false);
        for (double t : y.ticks()) {
            double ty = py + ph - y.fraction(t) * ph;
            s.path(new Path(px, ty).lineTo(px + pw, ty), GRID, 1, null);
            s.text(Axis.format(t), px - 6, ty + 4, 11, false, INK, Surface.Anchor.END);
        }
        if (bars) {
            for (int c = 0; c < chart.categories().size(); c++) {
                s.text(chart.categories().get(c), px + x.fraction(c) * pw, py + ph + 16, 11, false, INK,
                        Surface.Anchor.MIDDLE);
            }
        } else {
            for (double t : x.ticks()) {
                double tx = px + x.fraction(t) * pw;
                s.path(new Path(tx, py).lineTo(tx, py + ph), GRID, 1, null);
                s.text(Axis.format(t), tx, py + ph + 16, 11, false, INK, Surface.Anchor.MIDDLE);
            }
        }
        s.path(new Path(px, py).lineTo(px, py + ph).lineTo(px + pw, py + ph), INK, 1, null);
        s.text(chart.xLabel(), px + pw / 2, py + ph + 40, 12, false, INK, Surface.Anchor.MIDDLE);
        s.text(chart.yLabel(), x0 + 8, py - 10, 12, false, INK, Surface.Anchor.START);
        int n = chart.series().size();
        for (int i = 0; i < n; i++) {
            Chart.Series series = chart.series().get(i);
            Rgb color = seriesColor(i);
            List<double[]> line = new ArrayList<>();
            List<Chart.Point> points = new ArrayList<>(series.points());
            if (chart.kind() == Chart.Kind.CURVES) {
                points.sort(Comparator.comparingDouble(Chart.Point::x));
            }
            for (Chart.Point p : points) {
                if (!Double.isFinite(p.y()) || !y.contains(p.y()) || !bars && !x.contains(p.x())) {
                    continue;
                }
                double cx = bars ? px + x.fraction(p.x()) * pw + (i - (n - 1) / 2.0) * barWidth(chart, pw)
                        : px + x.fraction(p.x()) * pw;
                double cy = py + ph - y.fraction(p.y()) * ph;
                if (bars) {
                    double w = barWidth(chart, pw) * 0.9;
                    s.rect(cx - w / 2, cy, w, py + ph - cy, 0, color, null, 0);
                } else {
                    s.rect(cx - 3.5, cy - 3.5, 7, 7, 3.5, color, null, 0);
                    line.add(new double[] {cx, cy});
                }
                if (Double.isFinite(p.low()) && Double.isFinite(p.high()) && y.contains(p.low())
                        && y.contains(p.high())) {
                    double lo = py + ph - y.fraction(p.low()) * ph;
                    double hi = py + ph - y.fraction(p.high()) * ph;
                    s.path(new Path(cx, lo).lineTo(cx, hi), INK, 1.2, null);
                    s.path(new Path(cx - 4, lo).lineTo(cx + 4, lo), INK, 1.2, null);
                    s.path(new Path(cx - 4, hi).lineTo(cx + 4, hi), INK, 1.2, null);
                }
                if (!p.label().isEmpty()) {
                    s.text(p.label(), cx + 6, cy - 5, 10, false, color.darker(0.3), Surface.Anchor.START);
                }
            }
            if (chart.kind() == Chart.Kind.CURVES && line.size() > 1) {
                Path path = new Path(line.get(0)[0], line.get(0)[1]);
                line.subList(1, line.size()).forEach(q -> path.lineTo(q[0], q[1]));
                s.path(path, color, 2, null);
            }
        }
        legend(chart, s, x0 + 8, y0 + 42, WIDTH - 16);
    }

    private static double barWidth(Chart chart, double plotWidth) {
        return plotWidth / Math.max(1, chart.categories().size()) * 0.8 / Math.max(1, chart.series().size());
    }

    /** Lays the legend out in lines from the left (drawing it when {@code s} is not null); returns the lines. */
    private static int legend(Chart chart, Surface s, double left, double y, double width) {
        double x = left;
        int lines = 1;
        for (int i = 0; i < chart.series().size(); i++) {
            String name = chart.series().get(i).name();
            double w = Surface.textWidth(name, 11) + 26;
            if (x + w > left + width && x > left) {
                x = left;
                lines++;
            }
            double ly = y + (lines - 1) * LEGEND_LINE;
            if (s != null) {
                s.rect(x, ly - 9, 10, 10, 2, seriesColor(i), null, 0);
                s.text(name, x + 14, ly, 11, false, INK, Surface.Anchor.START);
            }
            x += w;
        }
        return lines;
    }

    /** An axis over the data of a chart, linear from 0 or logarithmic, ending on round ticks. */
    private record Axis(double lower, double upper, boolean log) {
        static Axis of(Chart chart, boolean horizontal) {
            boolean log = horizontal ? chart.logX() : chart.logY();
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (Chart.Series series : chart.series()) {
                for (Chart.Point p : series.points()) {
                    for (double v : horizontal ? new double[] {p.x()} : new double[] {p.y(), p.low(), p.high()}) {
                        if (Double.isFinite(v) && (!log || v > 0)) {
                            min = Math.min(min, v);
                            max = Math.max(max, v);
                        }
                    }
                }
            }
            if (min > max) {
                return new Axis(log ? 1 : 0, log ? 10 : 1, log);
            }
            if (log) {
                return new Axis(Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max)
                        + 1e-9)), true);
            }
            double step = step(max - Math.min(0, min));
            double low = min >= 0 && !horizontal ? 0 : Math.floor(min / step) * step;
            return new Axis(low, Math.max(low + step, Math.ceil(max * 1.05 / step) * step), false);
        }

        /** A round step (1, 2 or 5 × 10ⁿ) giving about 5 ticks over {@code span}. */
        static double step(double span) {
            double raw = Math.max(span, 1e-12) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            for (double m : new double[] {1, 2, 5}) {
                if (m * magnitude >= raw) {
                    return m * magnitude;
                }
            }
            return 10 * magnitude;
        }

        double fraction(double v) {
            return log ? Math.log(v / lower) / Math.log(upper / lower) : (v - lower) / (upper - lower);
        }

        boolean contains(double v) {
            return (!log || v > 0) && v >= lower - 1e-9 * Math.abs(lower) && v <= upper * (1 + 1e-9) + 1e-12;
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double d = lower; d <= upper * 1.0001; d *= 10) {
                    for (double m : upper / lower <= 100 ? new double[] {1, 2, 5} : new double[] {1}) {
                        if (d * m <= upper * 1.0001) {
                            ticks.add(d * m);
                        }
                    }
                }
                return ticks;
            }
            double step = step(upper - lower);
            for (double t = lower; t <= upper + step * 1e-6; t += step) {
                ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
            }
            return ticks;
        }

        /** 0.5, 12, 3.4 k, 25 M, 4.2 G: short enough for a tick. */
        static String format(double v) {
            double a = Math.abs(v);
            if (a >= 1e9) {
                return trim(v / 1e9) + " G";
            }
            if (a >= 1e6) {
                return trim(v / 1e6) + " M";
            }
            if (a >= 1e4) {
                return trim(v / 1e3) + " k";
            }
            return trim(v);
        }

        private static String trim(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e4) {
                return Long.toString((long) v);
            }
            String text = String.format(Locale.ROOT, "%.3g", v);
            if (text.contains(".") && !text.contains("e")) {
                text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
            }
            return text;
        }
    }
}
