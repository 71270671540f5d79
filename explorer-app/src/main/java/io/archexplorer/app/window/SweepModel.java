package io.archexplorer.app.window;

import io.archexplorer.app.report.Chart;
import io.archexplorer.app.report.SweepReport;
import io.archexplorer.app.study.KeepComplexity;
import io.archexplorer.app.study.KnobRange;
import io.archexplorer.app.study.Sweep;
import io.archexplorer.app.study.Variant;
import io.archexplorer.app.study.VariantException;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.knobs.Knob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Sweep tab without its controls: a knob of the model on screen, the values to take (defaulting from the knob's
 * range), whether complexity is kept and whether the variants are measured; the result, and opening a row's variant.
 */
public final class SweepModel {
    /** Values a default range stops at: enough for a curve, few enough to measure in a lecture. */
    private static final int DEFAULT_VALUES = 8;

    private final ExplorerModel explorer;
    private final StudyRunner runner;
    private final StringProperty knob = new SimpleStringProperty();
    private final StringProperty values = new SimpleStringProperty("");
    /** {@code none}, {@code mult_adds} or {@code params}. */
    private final StringProperty keep = new SimpleStringProperty("none");
    private final BooleanProperty measure = new SimpleBooleanProperty(false);
    private final ObjectProperty<Sweep.Result> result = new SimpleObjectProperty<>();
    private final StringProperty error = new SimpleStringProperty("");

    SweepModel(ExplorerModel explorer, StudyRunner runner) {
        this.explorer = explorer;
        this.runner = runner;
        knob.addListener((o, was, now) -> {
            Knob k = knobOf(now);
            if (k != null) {
                values.set(defaultValues(k));
            }
        });
    }

    /** The knobs of the model on screen; empty for a model file. */
    public List<String> knobs() {
        Variant v = explorer.variant();
        return v == null ? List.of() : v.spec().map(s -> s.knobs().knobs().stream().map(Knob::name).toList())
                .orElse(List.of());
    }

    private Knob knobOf(String name) {
        Variant v = explorer.variant();
        if (name == null || v == null || v.spec().isEmpty()) {
            return null;
        }
        return v.spec().get().knobs().knobs().stream().filter(k -> k.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * A knob's default sweep: a wide whole-number range in powers of two, a narrow one every value, a real range in
     * steps, every choice, on and off.
     */
    static String defaultValues(Knob k) {
        return switch (k.type()) {
            case INTEGER -> {
                long min = (long) k.min();
                long max = (long) k.max();
                if (max - min < DEFAULT_VALUES) {
                    yield min + ".." + max;
                }
                List<String> powers = new ArrayList<>();
                for (long v = Math.max(1, min); v <= max && powers.size() < DEFAULT_VALUES; v *= 2) {
                    powers.add(Long.toString(v));
                }
                yield String.join(",", powers);
            }
            case REAL -> String.format(Locale.ROOT, "%s..%s:%s", trim(k.min()), trim(k.max()),
                    trim((k.max() - k.min()) / DEFAULT_VALUES));
            case CHOICE -> String.join(",", k.choices());
            case TOGGLE -> "on,off";
            case INTEGER_LIST -> Knob.text(k.defaultValue());
        };
    }

    private static String trim(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** Builds (and, when asked, measures) the sweep in the background; a bad range is shown, not run. */
    public boolean run() {
        Variant v = explorer.variant();
        if (v == null || v.spec().isEmpty()) {
            error.set("a sweep turns the knobs of a preset or family; open one first");
            return false;
        }
        ModelSpec base = v.spec().get();
        List<String> taken;
        Knob k;
        KeepComplexity.Measure kept = KeepComplexity.Measure.byKey(keep.get()).orElse(null);
        try {
            k = Sweep.knob(base, knob.get());
            taken = KnobRange.values(k, values.get());
            if (kept != null) {
                Sweep.compensation(base, k);
            }
        } catch (VariantException e) {
            error.set(e.getMessage());
            return false;
        }
        error.set("");
        boolean measured = measure.get();
        var settings = explorer.settingsProperty().get();
        return runner.start("sweeping " + k.name(), measured, (progress, cancel) -> {
            Sweep.Result r = Sweep.analyze(base, k, taken, kept, settings, cancel);
            return measured ? Sweep.measure(r, MeasurePlan.standard(), progress, cancel) : r;
        }, result::set);
    }

    public void cancel() {
        runner.cancel();
    }

    /** Opens the variant of row {@code i} of the result in the window. */
    public void open(int i) {
        Sweep.Result r = result.get();
        if (r == null || i < 0 || i >= r.rows().size() || !r.rows().get(i).ok()) {
            return;
        }
        ModelSpec spec = r.rows().get(i).variant().spec().orElseThrow();
        explorer.open(spec.name(), spec.knobs().asText());
    }

    /** The result's curves (params, mult-adds, MAC, latency when measured); empty before a run. */
    public List<Chart> charts() {
        return result.get() == null ? List.of() : SweepReport.charts(result.get());
    }

    /** Row indices of the points of {@link #charts()}, in order: the rows that have a net. */
    public List<Integer> plottedRows() {
        Sweep.Result r = result.get();
        List<Integer> rows = new ArrayList<>();
        if (r != null) {
            for (int i = 0; i < r.rows().size(); i++) {
                if (r.rows().get(i).ok()) {
                    rows.add(i);
                }
            }
        }
        return rows;
    }

    public StringProperty knobProperty() {
        return knob;
    }

    public StringProperty valuesProperty() {
        return values;
    }

    public StringProperty keepProperty() {
        return keep;
    }

    public BooleanProperty measureProperty() {
        return measure;
    }

    public ReadOnlyObjectProperty<Sweep.Result> resultProperty() {
        return result;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    StudyRunner runner() {
        return runner;
    }
}
