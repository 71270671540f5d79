package io.archexplorer.app.window;

import java.util.List;
import java.util.Locale;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * The figures of the variant on screen, each with its change against the previous variant and against the
 * pinned baseline; green when the change is good news (a cost went down, throughput up), red otherwise.
 */
public final class StatsPanel extends GridPane {
    private final ExplorerModel model;

    public StatsPanel(ExplorerModel model) {
        this.model = model;
        getStyleClass().add("stats-panel");
        setHgap(12);
        setVgap(4);
        ColumnConstraints label = new ColumnConstraints();
        label.setHgrow(Priority.SOMETIMES);
        ColumnConstraints number = new ColumnConstraints();
        number.setHalignment(HPos.RIGHT);
        getColumnConstraints().addAll(label, number, number, number);
        model.variantProperty().addListener((o, was, now) -> refresh());
        model.measurementProperty().addListener((o, was, now) -> refresh());
        model.previousFiguresProperty().addListener((o, was, now) -> refresh());
        model.baselineProperty().addListener((o, was, now) -> refresh());
        model.measuringProperty().addListener((o, was, now) -> refresh());
        refresh();
    }

    private void refresh() {
        getChildren().clear();
        addRow(0, header(""), header("now"), header("vs previous"), header("vs baseline"));
        Variant v = model.variant();
        if (v == null) {
            return;
        }
        Pin baseline = model.baselineProperty().get();
        List<StatRows.Row> rows = StatRows.of(Figures.of(v, model.measurementProperty().get()),
                model.previousFiguresProperty().get(), baseline == null ? null : baseline.figures());
        int r = 1;
        for (StatRows.Row row : rows) {
            Label name = new Label(row.label());
            name.getStyleClass().add("stat-name");
            Label value = new Label(row.value().isEmpty() ? (model.measuringProperty().get() ? "measuring…" : "—")
                    : row.value());
            value.getStyleClass().add("stat-value");
            value.setId("stat-" + row.label().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-")
                    .replaceAll("^-|-$", ""));
            addRow(r++, name, value, change(row.vsPrevious(), row.lowerIsBetter()),
                    change(row.vsBaseline(), row.lowerIsBetter()));
        }
        if (v.declaredBatch() > 1) {
            Label note = new Label("the file declares batch " + v.declaredBatch() + "; figures are per image");
            note.getStyleClass().add("muted");
            add(note, 0, r, 4, 1);
        }
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("stat-header");
        return l;
    }

    private static Label change(double change, boolean lowerIsBetter) {
        Label l = new Label(StatRows.arrow(change));
        l.getStyleClass().add("stat-change");
        if (!Double.isNaN(change) && Math.abs(change) >= 0.0005) {
            l.getStyleClass().add((change < 0) == lowerIsBetter ? "better" : "worse");
        }
        return l;
    }
}
