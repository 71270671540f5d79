package io.archexplorer.app.window;

import io.archexplorer.app.study.Figures;
import io.archexplorer.app.study.Pin;
import io.archexplorer.app.study.Variant;
import java.util.List;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/**
 * The figures of the variant on screen, each with its change against the previous variant and against the
 * pinned baseline; green when the change is good news (a cost went down, throughput up), red otherwise. The labels
 * are made once and only their texts change: new labels would each need a CSS pass on every knob tick.
 */
public final class StatsPanel extends GridPane {
    private static final int FIGURES = 7;
    private static final PseudoClass BETTER = PseudoClass.getPseudoClass("better");
    private static final PseudoClass WORSE = PseudoClass.getPseudoClass("worse");

    private final ExplorerModel model;
    private final Label[] values = new Label[FIGURES];
    private final Label[] vsPrevious = new Label[FIGURES];
    private final Label[] vsBaseline = new Label[FIGURES];
    private final Label note = new Label();

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
        addRow(0, header(""), header("now"), header("vs previous"), header("vs baseline"));
        List<StatRows.Row> names = StatRows.of(new Figures(0, 0, 0, 0, -1, Double.NaN, Double.NaN), null, null);
        for (int i = 0; i < FIGURES; i++) {
            Label name = new Label(names.get(i).label());
            name.getStyleClass().add("stat-name");
            values[i] = new Label();
            values[i].getStyleClass().add("stat-value");
            values[i].setId("stat-" + names.get(i).label().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-")
                    .replaceAll("^-|-$", ""));
            vsPrevious[i] = new Label();
            vsBaseline[i] = new Label();
            vsPrevious[i].getStyleClass().add("stat-change");
            vsBaseline[i].getStyleClass().add("stat-change");
            addRow(i + 1, name, values[i], vsPrevious[i], vsBaseline[i]);
        }
        note.getStyleClass().add("muted");
        note.managedProperty().bind(note.visibleProperty());
        add(note, 0, FIGURES + 1, 4, 1);
        model.variantProperty().addListener((o, was, now) -> refresh());
        model.measurementProperty().addListener((o, was, now) -> refresh());
        model.previousFiguresProperty().addListener((o, was, now) -> refresh());
        model.baselineProperty().addListener((o, was, now) -> refresh());
        model.measuringProperty().addListener((o, was, now) -> refresh());
        refresh();
    }

    private void refresh() {
        Variant v = model.variant();
        if (v == null) {
            note.setVisible(false);
            return;
        }
        Pin baseline = model.baselineProperty().get();
        List<StatRows.Row> rows = StatRows.of(Figures.of(v, model.measurementProperty().get()),
                model.previousFiguresProperty().get(), baseline == null ? null : baseline.figures());
        for (int i = 0; i < FIGURES; i++) {
            StatRows.Row row = rows.get(i);
            values[i].setText(row.value().isEmpty() ? (model.measuringProperty().get() ? "measuring…" : "—")
                    : row.value());
            show(vsPrevious[i], row.vsPrevious(), row.lowerIsBetter());
            show(vsBaseline[i], row.vsBaseline(), row.lowerIsBetter());
        }
        int declared = v.model().declaredBatch();
        note.setVisible(declared > 1);
        note.setText("the file declares batch " + declared + "; figures are per image");
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("stat-header");
        return l;
    }

    private static void show(Label l, double change, boolean lowerIsBetter) {
        l.setText(StatRows.arrow(change));
        boolean shown = !Double.isNaN(change) && Math.abs(change) >= 0.0005;
        boolean good = (change < 0) == lowerIsBetter;
        l.pseudoClassStateChanged(BETTER, shown && good);
        l.pseudoClassStateChanged(WORSE, shown && !good);
    }

}
