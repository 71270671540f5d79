package io.archexplorer.app.window;

import io.archexplorer.app.report.LabReport;
import io.archexplorer.app.report.Numbers;
import io.archexplorer.app.study.LabResult;
import io.archexplorer.samples.labs.GuidelineLab;
import io.archexplorer.samples.labs.GuidelineLabs;
import io.archexplorer.samples.labs.PaperDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Labs tab: ShuffleNet V2's four guideline experiments, each with its one-paragraph explanation and formula, a bar
 * chart of the speeds measured here, the table under it and the paper's ranking beside ours.
 */
final class LabsPane extends VBox {
    private final LabsModel model;
    private final Label explanation = new Label();
    private final Label formula = new Label();
    private final StackPane chart = new StackPane();
    private final TableView<List<String>> table = new TableView<>();
    private final Label rankings = new Label();

    LabsPane(LabsModel model, Consumer<String> say) {
        this.model = model;
        ComboBox<String> lab = new ComboBox<>(FXCollections.observableArrayList(
                GuidelineLabs.all().stream().map(GuidelineLab::id).toList()));
        lab.valueProperty().bindBidirectional(model.labProperty());
        lab.setButtonCell(new GuidelineCell());
        lab.setPrefWidth(300);
        lab.setCellFactory(l -> new GuidelineCell());
        ComboBox<String> scale = new ComboBox<>(FXCollections.observableArrayList("1", "2", "4"));
        scale.valueProperty().bindBidirectional(model.scaleProperty());
        ComboBox<String> device = new ComboBox<>(FXCollections.observableArrayList("gpu", "arm"));
        device.valueProperty().bindBidirectional(model.deviceProperty());
        device.setTooltip(new Tooltip("whose channel counts: the paper's GPU or ARM column"));
        ToolBar bar = new ToolBar(lab, new Label("×"), scale, new Label("channels of"), device,
                StudyControls.button("Measure", model::measure));
        ToolBar progress = new ToolBar(StudyControls.progress(model.runner()).toArray(Node[]::new));
        progress.getItems().addAll(0, List.of(StudyControls.button("Save chart…",
                        () -> StudyControls.saveCharts(this, "lab-" + model.labProperty().get(), model::charts, say)),
                StudyControls.button("Export CSV…", () -> StudyControls.saveCsv(this, "lab-" + model.labProperty()
                        .get(), out -> LabReport.printCsv(List.of(model.shownProperty().get()), out), say))));
        explanation.setWrapText(true);
        explanation.setMinHeight(Region.USE_PREF_SIZE);
        formula.setStyle("-fx-font-family: monospace; -fx-font-weight: bold;");
        rankings.setStyle("-fx-font-family: monospace;");
        rankings.setWrapText(true);
        table.setPlaceholder(new Label("Not measured yet: Measure runs the lab's nets on this machine, interleaved "
                + "(about a minute)."));
        HBox body = new HBox(8, chart, table);
        HBox.setHgrow(table, Priority.ALWAYS);
        chart.setPrefWidth(360);
        chart.setMinWidth(300);
        VBox.setVgrow(body, Priority.ALWAYS);
        VBox text = new VBox(4, explanation, formula, rankings);
        text.setPadding(new Insets(6, 8, 4, 8));
        getChildren().addAll(bar, progress, text, body);
        model.labProperty().addListener((o, was, now) -> refresh());
        model.shownProperty().addListener((o, was, now) -> refresh());
        refresh();
    }

    /**
     * The command line's columns with the thread count, the verdict first (what a class reads on a projector), the
     * counts after, in short form (1.03 G); params are left out (equal in every row).
     */
    private static final List<String> WINDOW_HEADERS = List.of("variant", ">threads", ">latency ms", ">vs 1st", "",
            ">paper GPU", ">paper ARM", ">images/s", ">q1–q3 ms", ">mult-adds", ">MAC", ">MAC closed form");

    private static List<String> windowRow(LabResult r, LabResult.Row row) {
        List<String> cli = LabReport.tableRow(r, row);
        var totals = row.variant().analysis().totals();
        var closed = r.lab().closedFormMac().apply(row.variant().spec().orElseThrow().knobs());
        return List.of(cli.get(0), Integer.toString(r.settings().threads()), cli.get(5), cli.get(8), cli.get(9),
                cli.get(10), cli.get(11), cli.get(7), cli.get(6), Numbers.human(totals.multAdds()),
                Numbers.human(totals.mac()), closed.isPresent() ? Numbers.human(closed.getAsLong()) : "—");
    }

    /** A lab shown by its guideline ("G1: equal channel width minimizes …"). */
    private static final class GuidelineCell extends ListCell<String> {
        @Override
        protected void updateItem(String id, boolean empty) {
            super.updateItem(id, empty);
            setText(empty || id == null ? "" : GuidelineLabs.lab(id).orElseThrow().guideline());
        }
    }

    private void refresh() {
        GuidelineLab lab = model.selected();
        explanation.setText(lab.explanation());
        formula.setText(lab.formula());
        List<LabResult> results = model.shownProperty().get();
        chart.getChildren().setAll(model.charts().stream().map(c -> FxCharts.of(c, null)).toList());
        List<String> headers = WINDOW_HEADERS;
        List<TableColumn<List<String>, String>> columns = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            int index = i;
            String title = headers.get(i).replace(">", "");
            TableColumn<List<String>, String> c = new TableColumn<>(title.isEmpty() ? LabReport.WITHIN_NOISE : title);
            c.setPrefWidth(title.equals("variant") ? 160 : title.isEmpty() ? 30 : title.equals("threads") ? 56
                    : title.startsWith("q1") || title.startsWith("paper") ? 108 : 76);
            c.setCellValueFactory(row -> new ReadOnlyObjectWrapper<>(row.getValue().get(index)));
            if (headers.get(i).startsWith(">")) {
                c.setStyle("-fx-alignment: CENTER-RIGHT;");
            }
            columns.add(c);
        }
        table.getColumns().setAll(columns);
        List<List<String>> rows = new ArrayList<>();
        StringBuilder rank = new StringBuilder();
        for (LabResult r : results) {
            for (LabResult.Row row : r.rows()) {
                rows.add(windowRow(r, row));
            }
            rank.append(String.format(Locale.ROOT, "%-34s%s%n", "here, " + r.settings().threads() + " thread"
                    + (r.settings().threads() == 1 ? ":" : "s:"), String.join(" > ", r.measuredRanking())));
        }
        table.getItems().setAll(rows);
        if (!results.isEmpty()) {
            for (PaperDevice d : PaperDevice.values()) {
                rank.append(String.format(Locale.ROOT, "%-34s%s%n", "paper " + d.name() + " (" + d.machine() + "):",
                        String.join(" > ", results.get(0).paperRanking(d))));
            }
            rank.append(LabReport.WITHIN_NOISE + " within noise of the first row · measured ")
                    .append(results.get(0).measuredAt()).append(" on ").append(results.get(0).machine());
        }
        rankings.setText(rank.toString().strip());
    }
}
