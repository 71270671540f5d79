package io.archexplorer.app.window;

import io.archexplorer.app.report.Numbers;
import io.archexplorer.app.study.LayerTime;
import io.archexplorer.app.study.Measurement;
import io.archexplorer.app.study.Variant;
import io.archexplorer.engine.io.AtomicFiles;
import io.archexplorer.engine.runtime.Profile;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;

/**
 * The per-layer table: cost and measured time of every layer, flat or grouped by block with subtotals; its
 * selection follows the model's selected layer both ways; copy and CSV export.
 */
public final class LayerTableView extends BorderPane {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final ExplorerModel model;
    private Variant shownVariant;
    private Profile shownProfile;
    private final TreeTableView<LayerRow> table = new TreeTableView<>();
    private final ToggleButton groupByBlock = new ToggleButton("Group by block");
    /** The current variant's rows in net order, rebuilt only when the variant or its measurement changes. */
    private List<LayerRow> rows = List.of();
    /** The tree item showing each layer, by layer index, to select a layer in O(1). */
    private List<TreeItem<LayerRow>> itemOfLayer = List.of();
    /** Set while the view itself changes the selection, so the two selection listeners do not echo each other. */
    private boolean syncing;

    public LayerTableView(ExplorerModel model) {
        this.model = model;
        table.setShowRoot(false);
        table.setRoot(new TreeItem<>());
        table.getRoot().setExpanded(true);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().setAll(List.of(
                text("layer", 230, LayerRow::name),
                text("block", 110, LayerRow::block),
                text("op", 200, LayerRow::op),
                text("output", 100, LayerRow::outputShape),
                count("params", r -> r.cost().params()),
                count("mult-adds", r -> r.cost().multAdds()),
                count("MAC", r -> r.cost().mac()),
                number("time ms", 80, r -> new SortableText(r.time().text(),
                        r.time().kind() == LayerTime.Kind.RAN ? r.time().ms() : Double.NEGATIVE_INFINITY)),
                number("GFLOP/s", 80, r -> Double.isNaN(r.gflops()) ? SortableText.blank("")
                        : new SortableText(String.format(Locale.ROOT, "%.1f", r.gflops()), r.gflops()))));
        // Subtotal rows in bold, so the blocks stand out from their layers.
        table.setRowFactory(t -> TableStyles.boldWhen(new TreeTableRow<>(), LayerRow::isSubtotal));
        table.setPlaceholder(new Label("Open a model to see its layers."));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, item) -> tableSelected(item));
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copy();
                e.consume();
            }
        });

        Button copy = new Button("Copy");
        copy.setOnAction(e -> copy());
        Button export = new Button("Export CSV…");
        export.setOnAction(e -> chooseCsvFile());
        Label hint = new Label("Copy takes the selected rows, or all rows when none is selected.");
        hint.setStyle("-fx-text-fill: -fx-mid-text-color;");
        Pane gap = new Pane();
        HBox.setHgrow(gap, Priority.ALWAYS);
        setTop(new ToolBar(groupByBlock, copy, export, gap, hint));
        setCenter(table);

        groupByBlock.selectedProperty().addListener((o, was, now) -> showRows());
        model.variantProperty().addListener((o, was, now) -> rebuild());
        model.measurementProperty().addListener((o, was, now) -> rebuild());
        model.selectedLayerProperty().addListener((o, was, now) -> {
            if (!syncing) {
                showSelectedLayer();
            }
        });
        rebuild();
    }

    /** Writes every layer (net order, whatever the sorting or grouping) with its measured time, atomically. */
    public void exportCsv(Path file) throws IOException {
        byte[] csv = csv().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(csv));
    }

    /** The CSV text of every layer, as {@link #exportCsv} writes it. */
    public String csv() {
        return LayerRowText.csv(rows);
    }

    /** Puts the selected rows, or all when none is selected, on the clipboard as tab-separated text. */
    public void copy() {
        List<LayerRow> chosen = new ArrayList<>();
        for (TreeItem<LayerRow> item : table.getSelectionModel().getSelectedItems()) {
            if (item != null) {
                chosen.add(item.getValue());
            }
        }
        if (chosen.isEmpty()) {
            collect(table.getRoot(), chosen);
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(LayerRowText.tsv(chosen));
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** For tests and the window's menus: group by block (a tree with subtotals) or list every layer flat. */
    public ToggleButton groupByBlockToggle() {
        return groupByBlock;
    }

    TreeTableView<LayerRow> table() {
        return table;
    }

    private void rebuild() {
        Variant v = model.variant();
        Measurement m = model.measurementProperty().get();
        Profile profile = m != null && m.variant() == v ? m.profile() : null;
        // A new variant arrives with its measurement cleared: two notifications, one set of rows to build.
        if (v == shownVariant && profile == shownProfile) {
            return;
        }
        shownVariant = v;
        shownProfile = profile;
        rows = v == null ? List.of() : LayerRows.flat(v.analysis(), profile);
        showRows();
    }

    /**
     * Puts the rows on screen, flat or grouped. The root item stays and only its children change: a new root makes
     * the table redo far more work (ten times as long for densenet201's 708 layers).
     */
    private void showRows() {
        List<TreeItem<LayerRow>> byLayer = new ArrayList<>(rows.size());
        rows.forEach(r -> byLayer.add(null));
        List<TreeItem<LayerRow>> top;
        if (groupByBlock.isSelected()) {
            top = items(LayerRows.grouped(rows), byLayer);
        } else {
            top = new ArrayList<>(rows.size());
            for (LayerRow r : rows) {
                TreeItem<LayerRow> item = new TreeItem<>(r);
                byLayer.set(r.layer(), item);
                top.add(item);
            }
        }
        itemOfLayer = byLayer;
        syncing = true;
        table.getRoot().getChildren().setAll(top);
        table.sort();
        syncing = false;
        showSelectedLayer();
    }

    /** Tree items for the nodes and everything under them; children are added in one go, not one event each. */
    private static List<TreeItem<LayerRow>> items(List<LayerRows.Node> nodes, List<TreeItem<LayerRow>> byLayer) {
        List<TreeItem<LayerRow>> items = new ArrayList<>(nodes.size());
        for (LayerRows.Node n : nodes) {
            TreeItem<LayerRow> item = new TreeItem<>(n.row());
            if (n.row().isSubtotal()) {
                item.getChildren().setAll(items(n.children(), byLayer));
            } else {
                byLayer.set(n.row().layer(), item);
            }
            items.add(item);
        }
        return items;
    }

    private static void collect(TreeItem<LayerRow> item, List<LayerRow> out) {
        for (TreeItem<LayerRow> child : item.getChildren()) {
            out.add(child.getValue());
            collect(child, out);
        }
    }

    private void tableSelected(TreeItem<LayerRow> item) {
        if (syncing || item == null || item.getValue().isSubtotal()) {
            return;
        }
        syncing = true;
        model.selectedLayerProperty().set(item.getValue().layer());
        syncing = false;
    }

    /** Selects the model's selected layer, opening its blocks and scrolling only as far as needed to show it. */
    private void showSelectedLayer() {
        int layer = model.selectedLayerProperty().get();
        syncing = true;
        if (layer < 0 || layer >= itemOfLayer.size()) {
            table.getSelectionModel().clearSelection();
        } else {
            TreeItem<LayerRow> item = itemOfLayer.get(layer);
            for (TreeItem<LayerRow> p = item.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            int row = table.getRow(item);
            table.getSelectionModel().clearAndSelect(row);
            if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                flow.scrollTo(row);
            } else {
                table.scrollTo(row);
            }
        }
        syncing = false;
    }

    private void chooseCsvFile() {
        Variant v = model.variant();
        if (v == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the layer table");
        chooser.setInitialFileName(v.name() + "-layers.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            exportCsv(file.toPath());
        } catch (IOException e) {
            new Alert(Alert.AlertType.ERROR, "Could not write " + file + ": " + e.getMessage()).showAndWait();
        }
    }

    private static <T> TreeTableColumn<LayerRow, T> text(String title, double width, Function<LayerRow, T> f) {
        TreeTableColumn<LayerRow, T> c = new TreeTableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue().getValue())));
        return c;
    }

    private static TreeTableColumn<LayerRow, SortableText> count(String title, Function<LayerRow, Long> f) {
        return number(title, 110, r -> {
            long n = f.apply(r);
            return new SortableText(Numbers.grouped(n), n);
        });
    }

    /** A right-aligned numeric column that sorts by value. */
    private static TreeTableColumn<LayerRow, SortableText> number(String title, double width,
                                                                  Function<LayerRow, SortableText> f) {
        return TableStyles.rightAligned(text(title, width, f));
    }
}
