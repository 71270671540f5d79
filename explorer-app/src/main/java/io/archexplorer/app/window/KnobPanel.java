package io.archexplorer.app.window;

import io.archexplorer.app.study.Variant;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.knobs.Knob;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The family's knobs, each with the editor its type calls for (slider and spinner for numbers, a combo for
 * choices, a switch for on/off, a text field for lists), its paper symbol and a one-line explanation. Every edit
 * goes straight to the model; an impossible value is shown in red under its knob while the last good net stays.
 */
public final class KnobPanel extends VBox {
    private final ExplorerModel model;
    private final Map<String, KnobEditor> editors = new HashMap<>();
    private final Map<String, Label> errors = new HashMap<>();
    private final Label fileNote = new Label();
    private Family family;

    public KnobPanel(ExplorerModel model) {
        this.model = model;
        getStyleClass().add("knob-panel");
        setSpacing(10);
        setPadding(new Insets(4, 2, 4, 2));
        fileNote.setWrapText(true);
        fileNote.getStyleClass().add("muted");
        model.variantProperty().addListener((o, was, v) -> variantChanged(v));
        model.knobErrorProperty().addListener((o, was, e) -> showError(e));
    }

    private void variantChanged(Variant v) {
        if (v == null) {
            return;
        }
        ModelSpec spec = v.spec().orElse(null);
        if (spec == null) {
            family = null;
            editors.clear();
            errors.clear();
            fileNote.setText(v.model().file().orElseThrow().getFileName() + " comes from a file and has no knobs. "
                    + "Open a preset or family to turn knobs.");
            getChildren().setAll(fileNote);
            return;
        }
        if (spec.family() != family) {
            build(spec.family());
        }
        for (Map.Entry<String, Object> e : spec.knobs().asMap().entrySet()) {
            editors.get(e.getKey()).show(e.getValue());
        }
    }

    private void build(Family f) {
        family = f;
        editors.clear();
        errors.clear();
        getChildren().clear();
        for (Knob k : f.knobs()) {
            KnobEditor editor = KnobEditor.of(k, text -> model.setKnob(k.name(), text));
            editors.put(k.name(), editor);
            Label name = new Label(k.symbol().isEmpty() ? k.name() : k.label() + "  " + k.name());
            name.getStyleClass().add("knob-name");
            Label description = new Label(k.description());
            description.setWrapText(true);
            description.getStyleClass().add("knob-description");
            Label error = new Label();
            error.getStyleClass().add("knob-error");
            error.setWrapText(true);
            error.setManaged(false);
            error.setVisible(false);
            error.setId("knob-error-" + k.name());
            errors.put(k.name(), error);
            editor.control().setId("knob-" + k.name());
            HBox.setHgrow(editor.control(), Priority.ALWAYS);
            VBox row = new VBox(2, name, editor.control(), description, error);
            row.getStyleClass().add("knob-row");
            getChildren().add(row);
        }
    }

    private void showError(ExplorerModel.KnobError e) {
        errors.forEach((knob, label) -> {
            boolean here = e != null && e.knob().equals(knob);
            label.setText(here ? e.message() : "");
            label.setVisible(here);
            label.setManaged(here);
            editors.get(knob).control().pseudoClassStateChanged(KnobEditor.ERROR, here);
            if (here) {
                label.getParent().requestLayout();
                scrollIntoView(label.getParent());
            }
        });
    }

    /** Scrolls the enclosing scroll pane so a knob's row (with its error) is on screen. */
    private void scrollIntoView(Node row) {
        for (Node n = getParent(); n != null; n = n.getParent()) {
            if (n instanceof ScrollPane scroll) {
                double content = getHeight() - scroll.getViewportBounds().getHeight();
                if (content > 0) {
                    scroll.setVvalue(Math.min(1, Math.max(0, row.getBoundsInParent().getMinY() / content)));
                }
                return;
            }
        }
    }

    /** The editor of a knob (for tests and keyboard focus); null when the family has no such knob. */
    public Node editor(String knob) {
        KnobEditor e = editors.get(knob);
        return e == null ? null : e.control();
    }

}
