package io.archexplorer.app.window;

import io.archexplorer.samples.knobs.DecimalText;
import io.archexplorer.samples.knobs.Knob;
import java.util.List;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import org.controlsfx.control.ToggleSwitch;

/**
 * The editor of one knob. Edits are sent as text to the model, which validates them: a typed value outside the
 * knob's range is not clamped here but reported at the knob, so the user sees why it is refused. Values coming
 * back from the model (undo, another preset) are shown without being sent again.
 */
abstract class KnobEditor {
    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    protected final Knob knob;
    protected final Consumer<String> changed;
    /** True while showing a value from the model, so the control's listeners do not echo it back. */
    protected boolean showing;

    KnobEditor(Knob knob, Consumer<String> changed) {
        this.knob = knob;
        this.changed = changed;
    }

    abstract Node control();

    /** Shows the model's value, unless the user is in the middle of editing this knob. */
    abstract void show(Object value);

    protected void send(String text) {
        if (!showing) {
            changed.accept(text);
        }
    }

    static KnobEditor of(Knob k, Consumer<String> changed) {
        return switch (k.type()) {
            case INTEGER, REAL -> new NumberEditor(k, changed);
            case TOGGLE -> new ToggleEditor(k, changed);
            case CHOICE -> new ChoiceEditor(k, changed);
            case INTEGER_LIST -> new ListEditor(k, changed);
        };
    }

    /**
     * A slider for dragging through the range and a spinner for exact values. Wide integer ranges (widths
     * 1..1024) get a logarithmic slider, so the small values that matter most are not squeezed into a pixel.
     */
    private static final class NumberEditor extends KnobEditor {
        private final Slider slider = new Slider();
        private final Spinner<Double> spinner = new Spinner<>();
        private final HBox box = new HBox(8, slider, spinner);
        private final boolean integer;
        private final boolean logarithmic;

        NumberEditor(Knob k, Consumer<String> changed) {
            super(k, changed);
            integer = k.type() == Knob.Type.INTEGER;
            logarithmic = integer && k.min() >= 1 && k.max() / k.min() > 64;
            slider.setMin(toSlider(k.min()));
            slider.setMax(toSlider(k.max()));
            HBox.setHgrow(slider, Priority.ALWAYS);
            slider.valueProperty().addListener((o, was, now) -> {
                if (!showing) {
                    double v = fromSlider(now.doubleValue());
                    if (!format(v).equals(format(spinner.getValue()))) {
                        showing = true;
                        spinner.getValueFactory().setValue(v);
                        showing = false;
                        send(format(v));
                    }
                }
            });
            // No clamping range: a typed value outside the knob's range goes to the model, which says why not.
            SpinnerValueFactory.DoubleSpinnerValueFactory factory = new SpinnerValueFactory.DoubleSpinnerValueFactory(
                    -1e9, 1e9, (Double) toDouble(k.defaultValue()), integer ? 1 : 0.05);
            factory.setConverter(new StringConverter<>() {
                @Override
                public String toString(Double v) {
                    return v == null ? "" : format(v);
                }

                @Override
                public Double fromString(String text) {
                    // The knobs' one spelling of numbers: anything else goes to the knob, which says why not.
                    if (!DecimalText.isReal(text)) {
                        send(text);
                        return spinner.getValue();
                    }
                    return DecimalText.realValue(text);
                }
            });
            spinner.setValueFactory(factory);
            spinner.setEditable(true);
            spinner.setPrefWidth(95);
            spinner.valueProperty().addListener((o, was, now) -> {
                if (!showing && now != null) {
                    showing = true;
                    slider.setValue(toSlider(now));
                    showing = false;
                    send(format(now));
                }
            });
        }

        @Override
        Node control() {
            return box;
        }

        @Override
        void show(Object value) {
            if (slider.isValueChanging() || spinner.getEditor().isFocused() && spinner.isFocused()) {
                return;
            }
            showing = true;
            double v = toDouble(value);
            spinner.getValueFactory().setValue(v);
            slider.setValue(toSlider(v));
            showing = false;
        }

        private String format(double v) {
            return integer ? Long.toString(Math.round(v)) : knob.format(Math.round(v * 1000) / 1000.0);
        }

        private double toSlider(double v) {
            return logarithmic ? Math.log(Math.max(v, 1)) / Math.log(2) : v;
        }

        private double fromSlider(double s) {
            double v = logarithmic ? Math.pow(2, s) : s;
            return integer ? Math.round(v) : Math.round(v * 100) / 100.0;
        }

        private static double toDouble(Object value) {
            return ((Number) value).doubleValue();
        }
    }

    private static final class ToggleEditor extends KnobEditor {
        private final ToggleSwitch toggle = new ToggleSwitch();

        ToggleEditor(Knob k, Consumer<String> changed) {
            super(k, changed);
            toggle.selectedProperty().addListener((o, was, now) -> send(now ? "on" : "off"));
        }

        @Override
        Node control() {
            return toggle;
        }

        @Override
        void show(Object value) {
            showing = true;
            toggle.setSelected((Boolean) value);
            showing = false;
        }
    }

    private static final class ChoiceEditor extends KnobEditor {
        private final ComboBox<String> combo = new ComboBox<>();

        ChoiceEditor(Knob k, Consumer<String> changed) {
            super(k, changed);
            combo.getItems().setAll(k.choices());
            combo.setMaxWidth(Double.MAX_VALUE);
            combo.valueProperty().addListener((o, was, now) -> {
                if (now != null) {
                    send(now);
                }
            });
        }

        @Override
        Node control() {
            return combo;
        }

        @Override
        void show(Object value) {
            showing = true;
            combo.setValue(knob.format(value));
            showing = false;
        }
    }

    /** A comma-separated list (e.g. DenseNet's layers per block), sent on Enter or when focus leaves. */
    private static final class ListEditor extends KnobEditor {
        private final TextField field = new TextField();

        ListEditor(Knob k, Consumer<String> changed) {
            super(k, changed);
            // An empty default lets the family derive the list (ResNet's blocks from its depth): the field shows
            // "auto", and a field cleared by the user means auto again rather than a malformed list.
            boolean derived = ((List<?>) k.defaultValue()).isEmpty();
            if (derived) {
                field.setPromptText(Knob.AUTO);
            }
            Runnable sendText = () -> send(derived && field.getText().isBlank() ? Knob.AUTO : field.getText());
            field.setOnAction(e -> sendText.run());
            field.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    sendText.run();
                }
            });
        }

        @Override
        Node control() {
            return field;
        }

        @Override
        void show(Object value) {
            if (field.isFocused()) {
                return;
            }
            showing = true;
            field.setText(knob.format(value));
            showing = false;
        }
    }
}
