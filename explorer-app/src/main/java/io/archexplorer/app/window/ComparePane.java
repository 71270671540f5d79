package io.archexplorer.app.window;

import io.archexplorer.app.report.Numbers;
import io.archexplorer.app.study.Figures;
import io.archexplorer.app.study.Pin;
import io.archexplorer.app.study.PinComparison;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Pinned variants side by side: a table of their figures against the baseline, and mult-adds and MAC plotted
 * against measured latency, where variants of equal FLOPs and unequal speed stand apart.
 */
public final class ComparePane extends VBox {
    private final ExplorerModel model;
    private final TableView<PinComparison> table = new TableView<>();
    private final ScatterChart<Number, Number> multAddsChart = scatter("mult-adds (G)");
    private final ScatterChart<Number, Number> macChart = scatter("MAC (M)");
    private final Label caption = new Label();

    public ComparePane(ExplorerModel model) {
        this.model = model;
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        TableColumn<PinComparison, SortableText> vsBaseline = new TableColumn<>("vs baseline");
        vsBaseline.getColumns().setAll(List.of(
                number("latency", 85, r -> change(r, r.latencyChange())),
                number("mult-adds", 85, r -> change(r, r.multAddsChange()))));
        table.getColumns().setAll(List.of(
                number("#", 40, r -> new SortableText(r.marker(), r.number())),
                column("variant", 250, r -> r.pin().label()),
                column("knobs", 230, r -> r.pin().knobs()),
                figure("params", r -> r.pin().figures().params(), Numbers::human),
                figure("mult-adds", r -> r.pin().figures().multAdds(), Numbers::human),
                figure("MAC", r -> r.pin().figures().mac(), Numbers::human),
                number("peak memory", 105, r -> r.pin().figures().peakBytes() < 0 ? SortableText.blank("—")
                        : new SortableText(Numbers.bytes(r.pin().figures().peakBytes()), r.pin().figures().peakBytes())),
                number("latency ms", 90, r -> measured(r.pin().figures().latencyMs(), "%.2f")),
                number("images/s", 80, r -> measured(r.pin().figures().imagesPerSecond(), "%.1f")),
                number("threads", 70, r -> new SortableText(Integer.toString(r.pin().threads()), r.pin().threads())),
                vsBaseline));
        // The baseline's row in bold: every "vs baseline" figure is measured against it.
        table.setRowFactory(t -> TableStyles.boldWhen(new TableRow<>(), PinComparison::baseline));
        table.setPlaceholder(new Label("No pinned variants: pin the current variant to compare it with others."));

        BooleanBinding noneSelected = table.getSelectionModel().selectedItemProperty().isNull();
        BooleanBinding noPins = Bindings.isEmpty(model.pins());
        Button baseline = button("Set as baseline", this::setSelectedAsBaseline, noneSelected);
        Button remove = button("Remove", this::removeSelected, noneSelected);
        Button clear = button("Clear all", this::clearAll, noPins);
        table.setContextMenu(new ContextMenu(menuItem(baseline), menuItem(remove), menuItem(clear)));

        HBox charts = new HBox(8, multAddsChart, macChart);
        HBox.setHgrow(multAddsChart, Priority.ALWAYS);
        HBox.setHgrow(macChart, Priority.ALWAYS);
        caption.setWrapText(true);
        caption.setPadding(new Insets(0, 8, 6, 8));
        setSpacing(6);
        getChildren().setAll(new ToolBar(baseline, remove, clear), table, charts, caption);
        // The charts are what the class looks at; a handful of pins fits in a short table.
        table.setPrefHeight(190);
        table.setMinHeight(130);
        VBox.setVgrow(charts, Priority.ALWAYS);

        model.pins().addListener((ListChangeListener<Pin>) c -> refresh());
        model.baselineProperty().addListener((o, was, now) -> refresh());
        refresh();
    }

    TableView<PinComparison> table() {
        return table;
    }

    /** The points of both charts: mult-adds against latency, then MAC against latency. */
    List<ScatterChart<Number, Number>> charts() {
        return List.of(multAddsChart, macChart);
    }

    private void refresh() {
        List<PinComparison> rows = PinComparison.of(model.pins(), model.baselineProperty().get());
        table.getItems().setAll(rows);
        plot(multAddsChart, rows, f -> f.multAdds() / 1e9);
        plot(macChart, rows, f -> f.mac() / 1e6);
        List<String> unmeasured = rows.stream().filter(r -> !r.pin().figures().isMeasured())
                .map(PinComparison::marker).toList();
        if (rows.isEmpty()) {
            caption.setText("Pin variants to plot their cost against their measured latency.");
        } else if (!unmeasured.isEmpty()) {
            caption.setText(String.join(", ", unmeasured) + " not measured: listed, not plotted. "
                    + "Latency is of one run at each pin's own threads and batch.");
        } else {
            caption.setText("Latency is of one run at each pin's own threads and batch; hover a point for its knobs.");
        }
    }

    private static void plot(ScatterChart<Number, Number> chart, List<PinComparison> rows,
                             ToDoubleFunction<Figures> x) {
        ObservableList<XYChart.Data<Number, Number>> points = FXCollections.observableArrayList();
        for (PinComparison r : rows) {
            Figures f = r.pin().figures();
            if (f.isMeasured()) {
                XYChart.Data<Number, Number> point = new XYChart.Data<>(x.applyAsDouble(f), f.latencyMs());
                point.setNode(new PointMarker(r.marker(), r.marker() + " " + r.pin().label() + "\n" + r.pin().knobs()
                        + String.format(Locale.ROOT, "\n%s mult-adds · %s MAC · %.2f ms",
                        Numbers.human(f.multAdds()), Numbers.human(f.mac()), f.latencyMs()), r.baseline()));
                points.add(point);
            }
        }
        if (!points.isEmpty()) {
            fit((NumberAxis) chart.getXAxis(), points.stream().mapToDouble(p -> p.getXValue().doubleValue()));
            fit((NumberAxis) chart.getYAxis(), points.stream().mapToDouble(p -> p.getYValue().doubleValue()));
        }
        chart.getData().setAll(List.of(new XYChart.Series<>("pinned variants", points)));
    }

    /** Room around the points, so no point or label sits on the plot's edge. */
    private static void fit(NumberAxis axis, DoubleStream values) {
        DoubleSummaryStatistics stats = values.summaryStatistics();
        AxisRange range = AxisRange.around(stats.getMin(), stats.getMax());
        axis.setLowerBound(range.lower());
        axis.setUpperBound(range.upper());
        axis.setTickUnit(range.tick());
    }

    private static ScatterChart<Number, Number> scatter(String xLabel) {
        NumberAxis x = new NumberAxis();
        x.setLabel(xLabel);
        x.setAutoRanging(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("latency (ms)");
        y.setAutoRanging(false);
        ScatterChart<Number, Number> chart = new ScatterChart<>(x, y);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setMinHeight(220);
        return chart;
    }

    private Pin selectedPin() {
        PinComparison r = table.getSelectionModel().getSelectedItem();
        return r == null ? null : r.pin();
    }

    private void setSelectedAsBaseline() {
        Pin p = selectedPin();
        if (p != null) {
            model.setBaseline(p);
        }
    }

    private void removeSelected() {
        Pin p = selectedPin();
        if (p != null) {
            model.removePin(p);
        }
    }

    private void clearAll() {
        for (Pin p : new ArrayList<>(model.pins())) {
            model.removePin(p);
        }
    }

    private static Button button(String text, Runnable action, BooleanBinding disabled) {
        Button b = new Button(text);
        b.setOnAction(e -> action.run());
        b.disableProperty().bind(disabled);
        return b;
    }

    /** The context menu's twin of a toolbar button: same text, same action, same enabled state. */
    private static MenuItem menuItem(Button b) {
        MenuItem item = new MenuItem(b.getText());
        item.setOnAction(b.getOnAction());
        item.disableProperty().bind(b.disableProperty());
        return item;
    }

    private static SortableText change(PinComparison r, double change) {
        String text = PinComparison.changeText(r, change);
        return Double.isNaN(change) ? SortableText.blank(text) : new SortableText(text, change);
    }

    private static SortableText measured(double value, String format) {
        return Double.isNaN(value) ? SortableText.blank("—")
                : new SortableText(String.format(Locale.ROOT, format, value), value);
    }

    private static TableColumn<PinComparison, SortableText> figure(String title, Function<PinComparison, Long> f,
                                                                   Function<Long, String> format) {
        return number(title, 80, r -> new SortableText(format.apply(f.apply(r)), f.apply(r)));
    }

    private static <T> TableColumn<PinComparison, T> column(String title, double width, Function<PinComparison, T> f) {
        TableColumn<PinComparison, T> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        return c;
    }

    private static TableColumn<PinComparison, SortableText> number(String title, double width,
                                                                   Function<PinComparison, SortableText> f) {
        return TableStyles.rightAligned(column(title, width, f));
    }
}
