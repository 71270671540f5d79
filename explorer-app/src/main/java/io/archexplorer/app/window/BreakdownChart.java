package io.archexplorer.app.window;

import io.archexplorer.engine.runtime.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
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
    private final BarChart<String, Number> chart;
    private final Label caption = new Label();

    public BreakdownChart(ExplorerModel model) {
        this.model = model;
        CategoryAxis categories = new CategoryAxis();
        NumberAxis share = new NumberAxis();
        share.setLabel("share of the net (%)");
        chart = new BarChart<>(categories, share);
        chart.setAnimated(false);
        chart.setCategoryGap(18);
        chart.setBarGap(2);
        caption.setWrapText(true);
        setSpacing(4);
        getChildren().setAll(chart, caption);
        VBox.setVgrow(chart, Priority.ALWAYS);

        model.variantProperty().addListener((o, was, now) -> refresh());
        model.measurementProperty().addListener((o, was, now) -> refresh());
        model.measuringProperty().addListener((o, was, now) -> refresh());
        refresh();
    }

    BarChart<String, Number> chart() {
        return chart;
    }

    private void refresh() {
        Variant v = model.variant();
        if (v == null) {
            chart.getData().clear();
            caption.setText("Open a model to see where its mult-adds, memory access and time go.");
            return;
        }
        Measurement m = model.measurementProperty().get();
        Profile profile = m != null && m.variant() == v ? m.profile() : null;
        List<CategoryShares> shares = CategoryShares.of(v.analysis(), profile);
        List<XYChart.Series<String, Number>> series = new ArrayList<>();
        series.add(series(MULT_ADDS, shares, CategoryShares::multAddsShare));
        series.add(series(MAC, shares, CategoryShares::macShare));
        if (profile != null) {
            series.add(series(TIME, shares, CategoryShares::timeShare));
            caption.setText("Time of each executed step counts to its layer's kind; layers fused into a step "
                    + "(a folded batchnorm, a fused ReLU) are inside that step's time.");
        } else {
            caption.setText(model.measuringProperty().get() ? "Measuring… the share of time follows."
                    : "Not measured: shares of mult-adds and MAC only.");
        }
        chart.getData().setAll(series);
    }

    private static XYChart.Series<String, Number> series(String name, List<CategoryShares> shares,
                                                        ToDoubleFunction<CategoryShares> share) {
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (CategoryShares c : shares) {
            double percent = share.applyAsDouble(c);
            XYChart.Data<String, Number> bar = new XYChart.Data<>(c.category().label(), percent);
            // Our own bar node, so the tooltip is there before the chart draws it.
            StackPane node = new StackPane();
            Tooltip.install(node, new Tooltip(String.format(Locale.ROOT, "%s: %.1f %% of %s", c.category().label(),
                    percent, name)));
            bar.setNode(node);
            s.getData().add(bar);
        }
        return s;
    }
}
