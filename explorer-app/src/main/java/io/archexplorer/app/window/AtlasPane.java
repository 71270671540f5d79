package io.archexplorer.app.window;

import io.archexplorer.app.report.AtlasReport;
import io.archexplorer.app.report.Chart;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Atlas tab: every preset as a point, mult-adds (or MAC, or params) against the latency measured here, one colour
 * per family, with the pins and the current variant among them: ShuffleNet V2's Figure 1 for this laptop.
 */
final class AtlasPane extends VBox {
    private final AtlasModel model;
    private final StackPane chart = new StackPane(new Label("Count places every preset by its figures; Measure times "
            + "them all on this machine (a few minutes)."));

    AtlasPane(AtlasModel model, ExplorerModel explorer, Consumer<String> say) {
        this.model = model;
        ComboBox<AtlasReport.Axis> x = new ComboBox<>(FXCollections.observableArrayList(AtlasReport.Axis.values()));
        x.valueProperty().bindBidirectional(model.xProperty());
        x.setConverter(new StringConverter<>() {
            @Override
            public String toString(AtlasReport.Axis axis) {
                return axis == null ? "" : axis.title();
            }

            @Override
            public AtlasReport.Axis fromString(String text) {
                return Arrays.stream(AtlasReport.Axis.values()).filter(a -> a.title().equals(text))
                        .findFirst().orElse(null);
            }
        });
        ToolBar bar = new ToolBar(new Label("x"), x, StudyControls.button("Count", () -> model.run(false)),
                StudyControls.button("Measure", () -> model.run(true)));
        ToolBar progress = new ToolBar(StudyControls.progress(model.runner()).toArray(Node[]::new));
        progress.getItems().addAll(0, List.of(StudyControls.button("Save chart…",
                        () -> StudyControls.saveCharts(this, "atlas",
                                () -> model.chart() == null ? List.of() : List.of(model.chart()), say)),
                StudyControls.button("Export CSV…", () -> {
                    if (model.resultProperty().get() != null) {
                        StudyControls.saveCsv(this, "atlas", out -> AtlasReport.printCsv(model.resultProperty().get(),
                                out), say);
                    }
                })));
        VBox.setVgrow(chart, Priority.ALWAYS);
        getChildren().addAll(bar, progress, chart);
        model.resultProperty().addListener((o, was, now) -> refresh());
        model.xProperty().addListener((o, was, now) -> refresh());
        explorer.pins().addListener((ListChangeListener<Object>) c -> refresh());
        explorer.measurementProperty().addListener((o, was, now) -> refresh());
    }

    private void refresh() {
        Chart c = model.chart();
        if (c != null) {
            Region fx = FxCharts.of(c, null);
            chart.getChildren().setAll(fx);
        }
    }
}
