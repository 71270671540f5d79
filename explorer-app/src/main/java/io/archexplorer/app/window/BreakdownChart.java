package io.archexplorer.app.window;

import io.archexplorer.app.study.Measurement;
import io.archexplorer.app.study.Variant;
import io.archexplorer.engine.analysis.CategoryShares;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * ShuffleNet V2's Figure 2 for the net on screen: by kind of op, the share of mult-adds next to the share of
 * measured time (and of MAC), so the ops that cost time without FLOPs show up.
 */
public final class BreakdownChart extends VBox {
    static final String MULT_ADDS = "mult-adds";
    static final String MAC = "MAC";
    static final String TIME = "measured time";

    private final ExplorerModel model;
    private boolean shown = true;
    private boolean stale;
    private final BarChart<String, Number> chart;
    private final Label caption = new Label();
    /** One tooltip for every bar, its text set as the mouse enters a bar: a tooltip each would cost more than the
     * rest of an update on a large net. */
    private final Tooltip barTooltip = new Tooltip();

    public BreakdownChart(ExplorerModel model) {
        this.model = model;
        CategoryAxis categories = new CategoryAxis();
        NumberAxis share = new NumberAxis();
        share.setLabel("share of the net (%)");
        share.setMinorTickVisible(false);
        // Shares of a whole: a fixed 0–100 scale keeps charts of different nets comparable.
        share.setAutoRanging(false);
        share.setLowerBound(0);
        share.setUpperBound(100);
        share.setTickUnit(10);
        chart = new BarChart<>(categories, share);
        chart.setAnimated(false);
        // Room above the plot, where the "100" tick label sits.
        chart.setPadding(new Insets(16, 8, 4, 4));
        chart.setCategoryGap(18);
        chart.setBarGap(2);
        caption.setWrapText(true);
        caption.setPadding(new Insets(0, 8, 6, 8));
        setSpacing(4);
        getChildren().setAll(chart, caption);
        VBox.setVgrow(chart, Priority.ALWAYS);

        model.variantProperty().addListener((o, was, now) -> refreshIfShown());
        model.measurementProperty().addListener((o, was, now) -> refreshIfShown());
        model.measuringProperty().addListener((o, was, now) -> updateCaption());
        refresh();
    }

    /**
     * Told by the window whether its tab is on screen. A chart's layout is costly (tens of ms for a new series),
     * so a hidden chart only notes that it is stale and catches up when shown: knob changes stay fast.
     */
    public void setShown(boolean on) {
        shown = on;
        if (on && stale) {
            refresh();
        }
    }

    private void refreshIfShown() {
        if (shown) {
            refresh();
        } else {
            stale = true;
        }
    }

    BarChart<String, Number> chart() {
        return chart;
    }

    private void refresh() {
        stale = false;
        Variant v = model.variant();
        Measurement measured = currentMeasurement();
        List<CategoryShares> shares = v == null ? List.of()
                : CategoryShares.of(v.analysis(), measured == null ? null : measured.layerMillis());
        List<XYChart.Series<String, Number>> series = new ArrayList<>();
        if (v != null) {
            series.add(series(0, MULT_ADDS, shares, CategoryShares::multAddsShare));
            series.add(series(1, MAC, shares, CategoryShares::macShare));
            if (measured != null) {
                series.add(series(2, TIME, shares, CategoryShares::timeShare));
            }
        }
        if (!series.equals(chart.getData())) {
            chart.getData().setAll(series);
        }
        updateCaption();
    }

    private Measurement currentMeasurement() {
        Measurement m = model.measurementProperty().get();
        return m != null && m.variant() == model.variant() ? m : null;
    }

    private void updateCaption() {
        if (model.variant() == null) {
            caption.setText("Open a model to see where its mult-adds, memory access and time go.");
        } else if (currentMeasurement() != null) {
            caption.setText("Time of each executed step counts to its layer's kind; layers fused into a step "
                    + "(a folded batchnorm, a fused ReLU) are inside that step's time.");
        } else {
            caption.setText(model.measuringProperty().get() ? "Measuring… the share of time follows."
                    : "Not measured: shares of mult-adds and MAC only.");
        }
    }

    /**
     * The series at {@code index} with new values: the one on screen, updated in place, when it has the same
     * categories (a knob turned within a family), else a new one; rebuilding bars costs more than the rest of an
     * update on a large net.
     */
    private XYChart.Series<String, Number> series(int index, String name, List<CategoryShares> shares,
                                                  ToDoubleFunction<CategoryShares> share) {
        List<String> categories = shares.stream().map(c -> c.category().label()).toList();
        if (index < chart.getData().size()) {
            XYChart.Series<String, Number> shown = chart.getData().get(index);
            if (shown.getData().stream().map(XYChart.Data::getXValue).toList().equals(categories)) {
                for (int i = 0; i < shares.size(); i++) {
                    shown.getData().get(i).setYValue(share.applyAsDouble(shares.get(i)));
                }
                return shown;
            }
        }
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (CategoryShares c : shares) {
            XYChart.Data<String, Number> bar = new XYChart.Data<>(c.category().label(), share.applyAsDouble(c));
            // Our own bar node, so the tooltip is there before the chart draws it.
            StackPane node = new StackPane();
            node.setOnMouseEntered(e -> barTooltip.setText(String.format(Locale.ROOT, "%s: %.1f %% of %s",
                    bar.getXValue(), bar.getYValue().doubleValue(), name)));
            Tooltip.install(node, barTooltip);
            bar.setNode(node);
            s.getData().add(bar);
        }
        return s;
    }
}
