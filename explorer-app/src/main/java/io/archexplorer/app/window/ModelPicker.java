package io.archexplorer.app.window;

import io.archexplorer.app.study.Variant;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.Preset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Families and their presets in a tree, filtered by a search field (matching names, titles and descriptions).
 * Choosing a preset opens it; choosing a family opens it at its default knobs.
 */
public final class ModelPicker extends VBox {
    private final Catalog catalog;
    private final TextField search = new TextField();
    private final TreeView<Entry> tree = new TreeView<>();
    private boolean filling;

    /** A row: a family or one of its presets. */
    record Entry(String name, String text, String searchable) {
        @Override
        public String toString() {
            return text;
        }
    }

    public ModelPicker(ExplorerModel model) {
        this.catalog = model.catalog();
        getStyleClass().add("model-picker");
        setSpacing(6);
        search.setPromptText("search models (e.g. resnext, 0.5, shuffle)");
        search.setId("model-search");
        search.textProperty().addListener((o, was, now) -> fill(now));
        search.setOnAction(e -> openFirstMatch(model));
        tree.setShowRoot(false);
        tree.setId("model-tree");
        VBox.setVgrow(tree, Priority.ALWAYS);
        tree.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !filling) {
                model.open(now.getValue().name(), Map.of());
            }
        });
        getChildren().addAll(search, tree);
        fill("");
        model.variantProperty().addListener((o, was, v) -> showCurrent(v));
    }

    /** Marks the model on screen in the tree (opened from a session, a screenshot script or the search field). */
    private void showCurrent(Variant v) {
        String name = v == null ? null : v.spec().map(ModelSpec::name).orElse(null);
        TreeItem<Entry> selected = tree.getSelectionModel().getSelectedItem();
        if (name == null || selected != null && selected.getValue().name().equals(name)) {
            return;
        }
        // A preset wins over a family of the same name (mobilenet_v2 is both), as when opening by name.
        for (boolean presets : new boolean[] {true, false}) {
            for (TreeItem<Entry> family : tree.getRoot().getChildren()) {
                for (TreeItem<Entry> item : presets ? family.getChildren() : List.of(family)) {
                    if (item.getValue().name().equals(name)) {
                        filling = true;
                        family.setExpanded(true);
                        tree.getSelectionModel().select(item);
                        tree.scrollTo(Math.max(0, tree.getRow(item) - 3));
                        filling = false;
                        return;
                    }
                }
            }
        }
    }

    private void fill(String query) {
        String q = query.trim().toLowerCase(Locale.ROOT);
        TreeItem<Entry> root = new TreeItem<>();
        for (Family f : catalog.families()) {
            Entry familyEntry = new Entry(f.name(), f.title(), (f.name() + " " + f.title()).toLowerCase(Locale.ROOT));
            TreeItem<Entry> item = new TreeItem<>(familyEntry);
            boolean familyMatches = familyEntry.searchable().contains(q);
            for (Preset p : f.presets()) {
                String searchable = (p.name() + " " + p.description()).toLowerCase(Locale.ROOT);
                if (familyMatches || searchable.contains(q)) {
                    item.getChildren().add(new TreeItem<>(new Entry(p.name(), p.name(), searchable)));
                }
            }
            if (familyMatches || !item.getChildren().isEmpty()) {
                item.setExpanded(!q.isEmpty());
                root.getChildren().add(item);
            }
        }
        filling = true;
        tree.setRoot(root);
        filling = false;
    }

    /** Enter in the search field opens the first preset shown. */
    private void openFirstMatch(ExplorerModel model) {
        for (TreeItem<Entry> family : tree.getRoot().getChildren()) {
            TreeItem<Entry> first = family.getChildren().isEmpty() ? family : family.getChildren().get(0);
            tree.getSelectionModel().select(first);
            model.open(first.getValue().name(), Map.of());
            return;
        }
    }
}
