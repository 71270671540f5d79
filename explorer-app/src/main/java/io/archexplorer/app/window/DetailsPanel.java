package io.archexplorer.app.window;

import io.archexplorer.app.diagram.Diagram;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;

/** The selected box: its op, shapes and figures, the same facts as the graph's tooltip, kept on screen. */
public final class DetailsPanel extends GridPane {
    private final ExplorerModel model;

    public DetailsPanel(ExplorerModel model) {
        this.model = model;
        getStyleClass().add("details-panel");
        setHgap(10);
        setVgap(3);
        ColumnConstraints label = new ColumnConstraints();
        label.setHalignment(HPos.LEFT);
        getColumnConstraints().addAll(label, new ColumnConstraints());
        model.selectedLayerProperty().addListener((o, was, now) -> refresh());
        model.diagramProperty().addListener((o, was, now) -> refresh());
        model.measurementProperty().addListener((o, was, now) -> refresh());
        refresh();
    }

    private void refresh() {
        getChildren().clear();
        Diagram.Node node = selectedNode();
        if (node == null) {
            Label hint = new Label("Click a box in the graph or a row in the table.");
            hint.getStyleClass().add("muted");
            add(hint, 0, 0, 2, 1);
            return;
        }
        int r = 0;
        for (LayerFacts.Fact f : LayerFacts.of(node, model.variant(), model.measurementProperty().get())) {
            Label name = new Label(f.label());
            name.getStyleClass().add("stat-name");
            Label value = new Label(f.value());
            value.setWrapText(true);
            addRow(r++, name, value);
        }
    }

    private Diagram.Node selectedNode() {
        int layer = model.selectedLayerProperty().get();
        Diagram d = model.diagramProperty().get();
        if (layer < 0 || d == null) {
            return null;
        }
        for (Diagram.Node n : d.nodes()) {
            if (n.layers().contains(layer)) {
                return n;
            }
        }
        return null;
    }
}
