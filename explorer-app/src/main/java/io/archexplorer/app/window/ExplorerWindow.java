package io.archexplorer.app.window;

import io.archexplorer.app.diagram.Diagram;
import io.archexplorer.app.diagram.DiagramFiles;
import io.archexplorer.app.diagram.NodeStyle;
import io.archexplorer.app.study.Figures;
import io.archexplorer.app.study.Measurement;
import io.archexplorer.app.study.Pin;
import io.archexplorer.app.study.Variant;
import io.archexplorer.engine.io.AtomicFiles;
import io.archexplorer.engine.io.ModelFiles;
import io.archexplorer.engine.io.NetDocument;
import io.archexplorer.engine.io.NetJson;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.controlsfx.control.StatusBar;

/**
 * The explorer window: model picker and knobs on the left, the graph in the middle over the layer table and the
 * comparison views, figures and the selected layer on the right, a status bar with the measurement's progress.
 * Panels talk only to the {@link ExplorerModel}; this class wires them, the menus and the shortcuts.
 */
public final class ExplorerWindow extends BorderPane {
    private static final int MAX_RECENT = 8;
    /** Presentation mode enlarges the graph with the type, for the back rows. */
    private static final double PRESENTATION_ZOOM = 1.5;
    /** Where the graph/tabs divider goes when a chart tab is shown. */
    private static final double CHART_DIVIDER = 0.45;
    /** The labs, sweeps and atlas are the lecture's content: the graph gives them most of the column. */
    private static final double STUDY_DIVIDER = 0.22;

    private final ExplorerModel model;
    private final GraphView graph;
    private final LayerTableView table;
    private final TabPane bottomTabs = new TabPane();
    private final SplitPane columns = new SplitPane();
    private final SplitPane leftColumn = new SplitPane();
    private final SplitPane centerColumn = new SplitPane();
    private final TextField find = new TextField();
    private final Label banner = new Label();
    private final ListView<String> warnings = new ListView<>();
    private final Menu recentMenu = new Menu("Open _Recent");
    private final List<String> recentFiles = new ArrayList<>();
    private final CheckMenuItem presentation = new CheckMenuItem("_Presentation Mode");
    private int findIndex;

    public ExplorerWindow(ExplorerModel model) {
        this.model = model;
        this.graph = new GraphView(model);
        this.table = new LayerTableView(model);
        getStyleClass().add("explorer-window");

        VBox top = new VBox(menus(), toolbar());
        setTop(top);
        columns.getItems().addAll(leftColumn(), centerColumn(), rightColumn());
        columns.setDividerPositions(0.19, 0.75);
        SplitPane.setResizableWithParent(columns.getItems().get(0), false);
        SplitPane.setResizableWithParent(columns.getItems().get(2), false);
        setCenter(columns);
        setBottom(statusBar());
        acceptDroppedFiles();
        knobHistoryKeys();
        presentation.selectedProperty().addListener((o, was, on) -> {
            if (on) {
                getStyleClass().add("presentation");
            } else {
                getStyleClass().remove("presentation");
            }
            graph.setTextScale(on ? PRESENTATION_ZOOM : 1);
        });
    }

    // ---- layout ----

    private Region leftColumn() {
        ModelPicker picker = new ModelPicker(model);
        ScrollPane knobs = new ScrollPane(new KnobPanel(model));
        knobs.setFitToWidth(true);
        knobs.getStyleClass().add("knob-scroll");
        TitledPane knobPane = new TitledPane("Knobs", knobs);
        knobPane.setCollapsible(false);
        knobPane.setMaxHeight(Double.MAX_VALUE);
        TitledPane pickerPane = new TitledPane("Models", picker);
        pickerPane.setCollapsible(false);
        pickerPane.setMaxHeight(Double.MAX_VALUE);
        leftColumn.setOrientation(Orientation.VERTICAL);
        leftColumn.getItems().addAll(pickerPane, knobPane);
        leftColumn.setDividerPositions(0.38);
        return leftColumn;
    }

    private Region centerColumn() {
        banner.getStyleClass().add("error-banner");
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true);
        banner.managedProperty().bind(banner.visibleProperty());
        banner.visibleProperty().bind(banner.textProperty().isNotEmpty());
        // A refused knob value is shown at its knob and, so a whole class sees it, above the graph too.
        banner.textProperty().bind(Bindings.createStringBinding(() -> {
            String file = model.fileErrorProperty().get();
            ExplorerModel.KnobError knob = model.knobErrorProperty().get();
            return file != null ? file : knob != null ? knob.message() + " (the last valid net stays)" : "";
        }, model.fileErrorProperty(), model.knobErrorProperty()));
        banner.setTooltip(new Tooltip("Click to dismiss"));
        banner.setOnMouseClicked(e -> model.dismissErrors());
        VBox graphBox = new VBox(banner, graph);
        VBox.setVgrow(graph, Priority.ALWAYS);

        warnings.setPlaceholder(new Label("No import warnings."));
        model.variantProperty().addListener((o, was, v) -> warnings.getItems().setAll(v == null ? List.of()
                : v.model().warnings()));
        Tab warningsTab = new Tab("Warnings", warnings);
        warnings.getItems().addListener((ListChangeListener<String>) c -> warningsTab.setText(
                warnings.getItems().isEmpty() ? "Warnings" : "Warnings (" + warnings.getItems().size() + ")"));
        BreakdownChart breakdown = new BreakdownChart(model);
        Tab breakdownTab = new Tab("Breakdown", breakdown);
        breakdown.setShown(false);
        breakdownTab.selectedProperty().addListener((o, was, on) -> breakdown.setShown(on));
        Tab compareTab = new Tab("Compare", new ComparePane(model));
        Tab labsTab = new Tab("Labs", new LabsPane(model.labs(), model::say));
        Tab sweepTab = new Tab("Sweep", new SweepPane(model.sweep(), model, model::say));
        Tab atlasTab = new Tab("Atlas", new AtlasPane(model.atlas(), model, model::say));
        bottomTabs.getTabs().addAll(new Tab("Layers", table), compareTab, breakdownTab, labsTab, sweepTab, atlasTab,
                warningsTab);
        List<Tab> chartTabs = List.of(compareTab, breakdownTab);
        List<Tab> studyTabs = List.of(labsTab, sweepTab, atlasTab);
        // The charts need room: showing them raises the divider (once; the user's own position is kept after).
        bottomTabs.getSelectionModel().selectedItemProperty().addListener((o, was, tab) -> {
            if (chartTabs.contains(tab) && centerColumn.getDividerPositions()[0] > CHART_DIVIDER) {
                centerColumn.setDividerPositions(CHART_DIVIDER);
            }
            if (studyTabs.contains(tab) && centerColumn.getDividerPositions()[0] > STUDY_DIVIDER) {
                centerColumn.setDividerPositions(STUDY_DIVIDER);
            }
        });
        bottomTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        centerColumn.setOrientation(Orientation.VERTICAL);
        centerColumn.getItems().addAll(graphBox, bottomTabs);
        centerColumn.setDividerPositions(0.62);
        return centerColumn;
    }

    private Region rightColumn() {
        TitledPane stats = new TitledPane("Figures (per image)", new StatsPanel(model));
        stats.setCollapsible(false);
        ScrollPane detailsScroll = new ScrollPane(new DetailsPanel(model));
        detailsScroll.setFitToWidth(true);
        TitledPane details = new TitledPane("Selected layer", detailsScroll);
        details.setCollapsible(false);
        details.setMaxHeight(Double.MAX_VALUE);
        VBox.setVgrow(details, Priority.ALWAYS);
        VBox right = new VBox(8, stats, details);
        right.setPadding(new Insets(0, 0, 0, 2));
        right.setMinWidth(330);
        right.getStyleClass().add("right-column");
        return right;
    }

    private StatusBar statusBar() {
        StatusBar bar = new StatusBar();
        bar.textProperty().bind(model.statusProperty());
        bar.progressProperty().bind(Bindings.createDoubleBinding(() -> model.measuringProperty().get()
                ? model.progressProperty().get() : 0, model.measuringProperty(), model.progressProperty()));
        Label update = new Label();
        update.setId("update-time");
        update.textProperty().bind(Bindings.createStringBinding(() -> {
            double ms = model.updateMillisProperty().get();
            return Double.isNaN(ms) ? "" : String.format(Locale.ROOT, "updated in %.0f ms", ms);
        }, model.updateMillisProperty()));
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-measurement");
        cancel.visibleProperty().bind(model.measuringProperty());
        cancel.setOnAction(e -> model.cancelMeasurement());
        bar.getRightItems().addAll(update, cancel);
        return bar;
    }

    private ToolBar toolbar() {
        Button open = button("Open…", "Open a model file (.json, .prototxt, .onnx)", this::chooseAndOpen);
        Button undo = button("↶", "Undo knob change (Ctrl+Z)", model::undo);
        undo.disableProperty().bind(model.canUndoProperty().not());
        Button redo = button("↷", "Redo (Ctrl+Shift+Z)", model::redo);
        redo.disableProperty().bind(model.canRedoProperty().not());
        Button fit = button("Fit", "Fit the graph to the window (Ctrl+0)", graph::fit);
        Button zoomOut = button("−", "Zoom out (Ctrl+-)", () -> graph.zoom(1 / 1.25));
        Button zoomIn = button("+", "Zoom in (Ctrl+=)", () -> graph.zoom(1.25));
        Button collapse = button("Collapse blocks", "Draw every unit (bottleneck, dense layer, fire module, …) as "
                + "one box; double-click a box to expand it", model::collapseAll);
        Button expand = button("Expand all", "Draw every layer", model::expandAll);
        ComboBox<Overlay> overlay = new ComboBox<>();
        overlay.getItems().setAll(Overlay.values());
        overlay.valueProperty().bindBidirectional(model.overlayProperty());
        overlay.setTooltip(new Tooltip("Colour boxes by op type or as a heat map"));
        overlay.setId("overlay");
        find.setPromptText("find layer (Ctrl+F)");
        find.setPrefColumnCount(12);
        find.setId("find-layer");
        find.setOnAction(e -> findNext());
        find.textProperty().addListener((o, was, now) -> findIndex = 0);
        Button pin = button("Pin", "Keep this variant's figures for comparison (Ctrl+P)", this::pin);
        pin.setId("pin");
        Button measure = button("Measure", "Measure the speed again (F5)", model::measureNow);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        RunSettingsBar settings = new RunSettingsBar(model);
        return new ToolBar(open, sep(), undo, redo, sep(), fit, zoomOut, zoomIn, collapse, expand, new Label("colour"),
                overlay, sep(), find, sep(), pin, measure, spring, settings);
    }

    private MenuBar menus() {
        Menu file = new Menu("_File");
        file.getItems().addAll(
                item("_Open…", "Shortcut+O", this::chooseAndOpen),
                recentMenu,
                new SeparatorMenuItem(),
                item("Save Model as _JSON…", "Shortcut+S", this::saveJson),
                item("Export Graph as _PNG…", null, () -> exportGraph("png")),
                item("Export Graph as _SVG…", null, () -> exportGraph("svg")),
                item("Export Layer Table as _CSV…", null, this::exportCsv),
                new SeparatorMenuItem(),
                item("_Quit", "Shortcut+Q", () -> getScene().getWindow().hide()));
        Menu edit = new Menu("_Edit");
        MenuItem undo = item("_Undo Knob Change", "Shortcut+Z", model::undo);
        undo.disableProperty().bind(model.canUndoProperty().not());
        MenuItem redo = item("_Redo", "Shortcut+Shift+Z", model::redo);
        redo.disableProperty().bind(model.canRedoProperty().not());
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("_Find Layer…", "Shortcut+F", () -> find.requestFocus()),
                item("_Pin Variant", "Shortcut+P", this::pin));
        Menu view = new Menu("_View");
        presentation.setAccelerator(KeyCombination.keyCombination("F11"));
        view.getItems().addAll(
                item("_Fit Graph", "Shortcut+0", graph::fit),
                item("Zoom _In", "Shortcut+EQUALS", () -> graph.zoom(1.25)),
                item("Zoom _Out", "Shortcut+MINUS", () -> graph.zoom(1 / 1.25)),
                new SeparatorMenuItem(),
                item("_Collapse Blocks", "Shortcut+K", model::collapseAll),
                item("_Expand All", "Shortcut+Shift+K", model::expandAll),
                new SeparatorMenuItem(),
                presentation);
        Menu run = new Menu("_Speed");
        run.getItems().addAll(item("_Measure Now", "F5", model::measureNow),
                item("_Cancel Measurement", "Escape", model::cancelMeasurement));
        updateRecentMenu();
        return new MenuBar(file, edit, view, run);
    }

    // ---- actions ----

    private void pin() {
        model.pin();
        bottomTabs.getSelectionModel().select(1);
    }

    /** Selects the next layer whose name contains the search text, and brings it into view. */
    private void findNext() {
        Variant v = model.variant();
        String q = find.getText().trim().toLowerCase(Locale.ROOT);
        if (v == null || q.isEmpty()) {
            return;
        }
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < v.net().size(); i++) {
            if (v.net().layer(i).name().toLowerCase(Locale.ROOT).contains(q)) {
                matches.add(i);
            }
        }
        find.pseudoClassStateChanged(KnobEditor.ERROR, matches.isEmpty());
        if (matches.isEmpty()) {
            model.say("no layer name contains '" + find.getText().trim() + "'");
            return;
        }
        int layer = matches.get(findIndex++ % matches.size());
        model.selectedLayerProperty().set(layer);
        graph.centerOn(layer);
        model.say(String.format(Locale.ROOT, "%s (%d of %d matches; Enter for the next)",
                v.net().layer(layer).name(), (findIndex - 1) % matches.size() + 1, matches.size()));
    }

    private void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a model");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Models (*.json, *.prototxt, *.onnx)", "*.json", "*.prototxt",
                        "*.onnx"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = chooser.showOpenDialog(getScene().getWindow());
        if (f != null) {
            openFile(f.toPath());
        }
    }

    public void openFile(Path file) {
        model.openFile(file);
        String path = file.toAbsolutePath().toString();
        recentFiles.remove(path);
        recentFiles.add(0, path);
        while (recentFiles.size() > MAX_RECENT) {
            recentFiles.remove(recentFiles.size() - 1);
        }
        updateRecentMenu();
    }

    private void updateRecentMenu() {
        recentMenu.getItems().clear();
        for (String path : recentFiles) {
            recentMenu.getItems().add(item(path.replace("_", "__"), null, () -> openFile(Path.of(path))));
        }
        recentMenu.setDisable(recentFiles.isEmpty());
    }

    /**
     * Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) walk the knob history wherever the focus is: a knob's spinner keeps the
     * focus after a change, and its text field would otherwise take the keys for its own one-field undo.
     */
    private void knobHistoryKeys() {
        KeyCombination undo = KeyCombination.keyCombination("Shortcut+Z");
        KeyCombination redo = KeyCombination.keyCombination("Shortcut+Shift+Z");
        KeyCombination redoY = KeyCombination.keyCombination("Shortcut+Y");
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() == find) {
                return;
            }
            if (undo.match(e)) {
                model.undo();
                e.consume();
            } else if (redo.match(e) || redoY.match(e)) {
                model.redo();
                e.consume();
            }
        });
    }

    private void acceptDroppedFiles() {
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream()
                    .anyMatch(f -> ModelFiles.isModelFile(f.toPath()))) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean opened = false;
            for (File f : e.getDragboard().getFiles()) {
                if (ModelFiles.isModelFile(f.toPath())) {
                    openFile(f.toPath());
                    opened = true;
                    break;
                }
            }
            e.setDropCompleted(opened);
            e.consume();
        });
    }

    private void saveJson() {
        Variant v = model.variant();
        if (v != null) {
            Path file = chooseSaveFile("Save model as JSON", v.name() + ".json", "JSON model", "*.json");
            if (file != null) {
                Variant current = model.variant();
                report(file, () -> saveJson(current, file));
            }
        }
    }

    /** Writes the model on screen as the project's JSON model file, with its family and knobs. */
    public void saveJson(Path file) throws IOException {
        saveJson(model.variant(), file);
    }

    private static void saveJson(Variant v, Path file) throws IOException {
        NetJson.write(v.model().document(), file);
    }

    private void exportGraph(String extension) {
        if (model.diagramProperty().get() != null) {
            Path file = chooseSaveFile("Export graph", model.variant().name() + "." + extension,
                    extension.toUpperCase(Locale.ROOT) + " image", "*." + extension);
            if (file != null) {
                Diagram d = model.diagramProperty().get();
                NodeStyle style = graph.style();
                report(file, () -> DiagramFiles.write(d, style, file));
            }
        }
    }

    /** Writes the graph as PNG or SVG (by extension) in the colours on screen, whole, with its legend. */
    public void exportGraph(Path file) throws IOException {
        DiagramFiles.write(model.diagramProperty().get(), graph.style(), file);
    }

    private void exportCsv() {
        if (model.variant() != null) {
            Path file = chooseSaveFile("Export layer table", model.variant().name() + "-layers.csv", "CSV",
                    "*.csv");
            if (file != null) {
                String csv = table.csv();
                report(file, () -> AtomicFiles.write(file, out -> out.write(csv.getBytes(StandardCharsets.UTF_8))));
            }
        }
    }

    /**
     * Writes off the FX thread (a 2× PNG of DenseNet-201 takes a second) and reports in the status bar. What is
     * written is immutable (a diagram, a net, the table's rows), so the window can go on meanwhile.
     */
    private void report(Path file, StudyControls.Write write) {
        StudyControls.write(file, write, model::say);
    }

    private Path chooseSaveFile(String title, String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        File f = chooser.showSaveDialog(getScene().getWindow());
        return f == null ? null : f.toPath();
    }

    // ---- for the session and for tests ----

    public GraphView graph() {
        return graph;
    }

    public LayerTableView table() {
        return table;
    }

    public TabPane tabs() {
        return bottomTabs;
    }

    public List<String> recentFiles() {
        return List.copyOf(recentFiles);
    }

    public void setRecentFiles(List<String> files) {
        recentFiles.clear();
        recentFiles.addAll(files.subList(0, Math.min(files.size(), MAX_RECENT)));
        updateRecentMenu();
    }

    public boolean presentationMode() {
        return presentation.isSelected();
    }

    public void setPresentationMode(boolean on) {
        presentation.setSelected(on);
    }

    /** Divider positions of the three split panes, for the session. */
    public List<Double> dividers() {
        List<Double> d = new ArrayList<>();
        for (SplitPane p : List.of(columns, leftColumn, centerColumn)) {
            for (double pos : p.getDividerPositions()) {
                d.add(pos);
            }
        }
        return d;
    }

    public void setDividers(List<Double> d) {
        if (d.size() != 4) {
            return;
        }
        columns.setDividerPositions(d.get(0), d.get(1));
        leftColumn.setDividerPositions(d.get(2));
        centerColumn.setDividerPositions(d.get(3));
    }

    // ---- small builders ----

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem i = new MenuItem(text);
        if (accelerator != null) {
            i.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        i.setOnAction(e -> action.run());
        return i;
    }

    private static Separator sep() {
        return new Separator(Orientation.VERTICAL);
    }
}
