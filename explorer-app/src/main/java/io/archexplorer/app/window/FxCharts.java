package io.archexplorer.app.window;

import io.archexplorer.app.diagram.ChartPainter;
import io.archexplorer.app.diagram.Rgb;
import io.archexplorer.app.report.Chart;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/**
 * The window's JavaFX charts, made from the same {@link Chart} the command line draws to PNG and SVG, in the same
 * series colours: bars, curves or a labelled scatter; a logarithmic axis is drawn as log10 of the values with the
 * values themselves at its ticks (JavaFX has no log axis).
 */
final class FxCharts {
    /** JavaFX's charts cycle through this many default colours. */
    private static final int DEFAULT_COLORS = 8;

    private FxCharts() {
    }

    /**
     * @param onClick told (series, point) when a point is clicked; may be null
     */
    static Region of(Chart chart, BiConsumer<Integer, Integer> onClick) {
        XYChart<?, Number> fx = switch (chart.kind()) {
            case BARS -> bars(chart);
            case CURVES -> numeric(chart, new LineChart<>(axis(chart, true), axis(chart, false)), onClick);
            case SCATTER -> numeric(chart, new ScatterChart<>(axis(chart, true), axis(chart, false)), onClick);
        };
        fx.setTitle(chart.title());
        fx.setAnimated(false);
        // The chart's default colours (bars, lines, legend swatches) set to the files' palette, so a legend entry has
        // its series' colour.
        StringBuilder palette = new StringBuilder();
        for (int i = 0; i < DEFAULT_COLORS; i++) {
            palette.append("CHART_COLOR_").append(i + 1).append(": ").append(ChartPainter.seriesColor(i).hex())
                    .append("; ");
        }
        fx.setStyle(palette.toString());
        fx.getYAxis().setLabel(chart.yLabel());
        fx.getXAxis().setLabel(chart.xLabel());
        return fx;
    }

    private static BarChart<String, Number> bars(Chart chart) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = axis(chart, false);
        BarChart<String, Number> bars = new BarChart<>(x, y);
        for (int i = 0; i < chart.series().size(); i++) {
            Chart.Series s = chart.series().get(i);
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(s.name());
            for (Chart.Point p : s.points()) {
                XYChart.Data<String, Number> d = new XYChart.Data<>(chart.categories().get((int) p.x()), p.y());
                series.getData().add(d);
            }
            bars.getData().add(series);
        }
        bars.setLegendVisible(chart.series().size() > 1);
        return bars;
    }

    private static <C extends XYChart<Number, Number>> C numeric(Chart chart, C fx,
                                                                 BiConsumer<Integer, Integer> onClick) {
        for (int i = 0; i < chart.series().size(); i++) {
            Chart.Series s = chart.series().get(i);
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(s.name());
            Rgb color = ChartPainter.seriesColor(i);
            for (int j = 0; j < s.points().size(); j++) {
                Chart.Point p = s.points().get(j);
                double x = chart.logX() ? Math.log10(p.x()) : p.x();
                double y = chart.logY() ? Math.log10(p.y()) : p.y();
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    continue;
                }
                XYChart.Data<Number, Number> d = new XYChart.Data<>(x, y);
                String tip = (p.label().isEmpty() ? s.name() : p.label()) + String.format(Locale.ROOT,
                        "\n%s: %s\n%s: %s", chart.xLabel(), tick(p.x()), chart.yLabel(), tick(p.y()));
                PointMarker marker = new PointMarker(p.label(), tip, color.hex(), color.darker(0.35).hex(), false);
                int seriesIndex = i;
                int pointIndex = j;
                if (onClick != null) {
                    marker.setOnMouseClicked(e -> onClick.accept(seriesIndex, pointIndex));
                    marker.setStyle("-fx-cursor: hand;");
                }
                d.setNode(marker);
                series.getData().add(d);
            }
            fx.getData().add(series);
        }
        fx.setLegendVisible(chart.series().size() > 1);
        return fx;
    }

    private static NumberAxis axis(Chart chart, boolean horizontal) {
        boolean log = horizontal ? chart.logX() : chart.logY();
        NumberAxis axis = new NumberAxis();
        axis.setForceZeroInRange(!log && !horizontal);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return tick(value.doubleValue());
            }

            @Override
            public Number fromString(String text) {
                return Double.parseDouble(text);
            }
        });
        if (log) {
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (Chart.Series s : chart.series()) {
                for (Chart.Point p : s.points()) {
                    double v = horizontal ? p.x() : p.y();
                    if (v > 0) {
                        min = Math.min(min, Math.log10(v));
                        max = Math.max(max, Math.log10(v));
                    }
                }
            }
            if (min <= max) {
                axis.setAutoRanging(false);
                axis.setLowerBound(Math.floor(min));
                axis.setUpperBound(Math.max(Math.ceil(max), Math.floor(min) + 1));
                axis.setTickUnit(1);
            }
            axis.setMinorTickVisible(false);
            axis.setTickLabelFormatter(new StringConverter<>() {
                @Override
                public String toString(Number exponent) {
                    return tick(Math.pow(10, exponent.doubleValue()));
                }

                @Override
                public Number fromString(String text) {
                    return Math.log10(Double.parseDouble(text));
                }
            });
        }
        return axis;
    }

    /** 0.5, 12, 3.4 k, 25 M, 4.2 G. */
    static String tick(double v) {
        double a = Math.abs(v);
        String[] units = {"", " k", " M", " G", " T"};
        int u = 0;
        while (a >= 1e4 && u < units.length - 1 || a >= 1e3 && u > 0 && u < units.length - 1) {
            a /= 1e3;
            v /= 1e3;
            u++;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e4) {
            return (long) v + units[u];
        }
        String text = String.format(Locale.ROOT, "%.3g", v);
        if (text.contains(".") && !text.contains("e")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text + units[u];
    }

    /** Charts side by side, two per row, as the files lay them out. */
    static List<Region> all(List<Chart> charts, BiConsumer<Integer, Integer> onClick) {
        return charts.stream().map(c -> of(c, onClick)).toList();
    }
}
