package io.archexplorer.app.window;

import io.archexplorer.app.report.SweepReport;
import io.archexplorer.app.report.Chart;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Sweep tab: one knob of the model on screen across a range, the curves of params, mult-adds, MAC and latency
 * against it; clicking a point opens that variant.
 */
final class SweepPane extends VBox {
    private final SweepModel model;
    private final GridPane charts = new GridPane();
    private final Label placeholder = new Label("Pick a knob and its values, then Run (Measure adds the latency "
            + "of every value, interleaved).");

    SweepPane(SweepModel model, ExplorerModel explorer, Consumer<String> say) {
        this.model = model;
        ComboBox<String> knob = new ComboBox<>();
        knob.valueProperty().bindBidirectional(model.knobProperty());
        Runnable knobs = () -> {
            List<String> names = model.knobs();
            knob.setItems(FXCollections.observableArrayList(names));
            if (knob.getValue() == null || !names.contains(knob.getValue())) {
                knob.setValue(names.isEmpty() ? null : names.get(0));
            }
        };
        explorer.variantProperty().addListener((o, was, now) -> knobs.run());
        knobs.run();
        TextField values = new TextField();
        values.setPrefColumnCount(18);
        values.textProperty().bindBidirectional(model.valuesProperty());
        values.setPromptText("1,2,4,8 or 1..64:8");
        values.setOnAction(e -> model.run());
        ComboBox<String> keep = new ComboBox<>(FXCollections.observableArrayList("none", "mult_adds", "params"));
        keep.valueProperty().bindBidirectional(model.keepProperty());
        CheckBox measure = new CheckBox("Measure");
        measure.selectedProperty().bindBidirectional(model.measureProperty());
        ToolBar bar = new ToolBar(new Label("knob"), knob, values, new Label("keep"), keep, measure,
                StudyControls.button("Run", model::run));
        ToolBar progress = new ToolBar(StudyControls.progress(model.runner()).toArray(Node[]::new));
        progress.getItems().addAll(0, List.of(StudyControls.button("Save charts…",
                        () -> StudyControls.saveCharts(this, "sweep", model::charts, say)),
                StudyControls.button("Export CSV…", () -> {
                    if (model.resultProperty().get() != null) {
                        StudyControls.saveCsv(this, "sweep", out -> SweepReport.printCsv(model.resultProperty().get(),
                                out), say);
                    }
                })));
        Label error = new Label();
        error.textProperty().bind(model.errorProperty());
        error.setStyle("-fx-text-fill: #c92a2a;");
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        VBox.setVgrow(charts, Priority.ALWAYS);
        charts.setHgap(6);
        charts.setVgap(6);
        getChildren().addAll(bar, progress, error, charts);
        model.resultProperty().addListener((o, was, now) -> refresh());
        refresh();
    }

    private void refresh() {
        List<Chart> all = model.charts();
        charts.getChildren().clear();
        if (all.isEmpty()) {
            charts.add(placeholder, 0, 0);
            return;
        }
        List<Integer> rows = model.plottedRows();
        for (int i = 0; i < all.size(); i++) {
            Region chart = FxCharts.of(all.get(i), (series, point) -> model.open(rows.get(point)));
            GridPane.setHgrow(chart, Priority.ALWAYS);
            GridPane.setVgrow(chart, Priority.ALWAYS);
            charts.add(chart, i % 2, i / 2);
        }
    }
}
