package io.archexplorer.app.window;

import io.archexplorer.app.diagram.Diagram;
import io.archexplorer.app.diagram.DiagramBuilder;
import io.archexplorer.app.diagram.DiagramOptions;
import io.archexplorer.app.study.Figures;
import io.archexplorer.app.study.Measurement;
import io.archexplorer.app.study.ModelSource;
import io.archexplorer.app.study.Pin;
import io.archexplorer.app.study.RunSettings;
import io.archexplorer.app.study.Variant;
import io.archexplorer.app.study.VariantException;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.knobs.KnobException;
import io.archexplorer.samples.knobs.KnobValues;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's state and actions, without any control: the variant on screen, its diagram and measured speed,
 * knob errors, undo history, pins and settings. Every method is called on the FX thread (or whatever thread
 * {@code fx} stands for in tests); net building, analysis and layout run on a worker thread, measurement on
 * another, and their results come back through {@code fx}.
 */
public final class ExplorerModel {
    /** Changes to one knob closer together than this are one undo step (a slider drag, a spinner held down). */
    private static final long UNDO_COALESCE_NANOS = 800_000_000L;
    private static final long MEASURE_DEBOUNCE_MS = 350;

    /** A knob value the net cannot be built with, shown next to that knob. */
    public record KnobError(String knob, String message) {
    }

    private final ModelSource models;
    private final Executor fx;
    private final LatestOnlyWorker builder = new LatestOnlyWorker("explorer-analysis");
    private final SpeedMeter meter;

    private final ObjectProperty<Variant> variant = new SimpleObjectProperty<>();
    private final ObjectProperty<Figures> previousFigures = new SimpleObjectProperty<>();
    private final ObjectProperty<Diagram> diagram = new SimpleObjectProperty<>();
    private final ObjectProperty<Measurement> measurement = new SimpleObjectProperty<>();
    private final ObjectProperty<KnobError> knobError = new SimpleObjectProperty<>();
    private final StringProperty fileError = new SimpleStringProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty measuring = new SimpleBooleanProperty();
    private final DoubleProperty updateMillis = new SimpleDoubleProperty(Double.NaN);
    private final ObjectProperty<RunSettings> settings = new SimpleObjectProperty<>(RunSettings.defaults());
    private final ObjectProperty<Set<String>> collapsed = new SimpleObjectProperty<>(Set.of());
    private final ObjectProperty<Overlay> overlay = new SimpleObjectProperty<>(Overlay.OP_TYPE);
    private final IntegerProperty selectedLayer = new SimpleIntegerProperty(-1);
    private final ObservableList<Pin> pins = FXCollections.observableArrayList();
    private final ObjectProperty<Pin> baseline = new SimpleObjectProperty<>();
    private final BooleanProperty canUndo = new SimpleBooleanProperty();
    private final BooleanProperty canRedo = new SimpleBooleanProperty();

    private final Deque<KnobValues> undo = new ArrayDeque<>();
    private final Deque<KnobValues> redo = new ArrayDeque<>();
    private String lastChangedKnob;
    private long lastChangeNanos;
    /** The diagram the worker lays the next one out against (read off the FX thread). */
    private volatile Diagram layoutHint;
    private long requestSerial;
    private long finishedSerial;
    /** A change is being built or a measurement is under way. */
    private final BooleanProperty busy = new SimpleBooleanProperty();
    /** The labs', sweeps' and atlas' jobs, one at a time, each stopping the current variant's measurement first. */
    private final StudyRunner studies;
    private final LabsModel labs;
    private final SweepModel sweep;
    private final AtlasModel atlas;

    public ExplorerModel(Catalog catalog, Executor fx) {
        this.models = new ModelSource(catalog);
        this.fx = fx;
        this.studies = new StudyRunner(fx, this::cancelMeasurement);
        this.labs = new LabsModel(studies);
        this.sweep = new SweepModel(this, studies);
        this.atlas = new AtlasModel(this, studies);
        measuring.addListener((o, was, now) -> busy.set(finishedSerial < requestSerial || now));
        this.meter = new SpeedMeter(fx, new SpeedMeter.Listener() {
            @Override
            public void progress(Variant v, String text, double fraction) {
                if (v == variant.get()) {
                    status.set(text);
                    progress.set(fraction);
                }
            }

            @Override
            public void measured(Measurement m) {
                if (m.variant() == variant.get()) {
                    measurement.set(m);
                    measuring.set(false);
                    progress.set(1);
                    status.set(String.format(java.util.Locale.ROOT, "measured: %.2f ms median over %d runs, "
                            + "%d thread%s", m.profile().medianMs(), m.profile().runs(), m.settings().threads(),
                            m.settings().threads() == 1 ? "" : "s"));
                }
            }

            @Override
            public void failed(Variant v, String message) {
                if (v == variant.get()) {
                    measuring.set(false);
                    progress.set(0);
                    status.set("not measured: " + message);
                }
            }
        });
    }

    public Catalog catalog() {
        return models.catalog();
    }

    // ---- opening models ----

    /** Opens a preset or a family by name. */
    public void open(String model, Map<String, String> knobs) {
        ModelSpec spec;
        try {
            spec = models.resolve(model, knobs);
        } catch (VariantException e) {
            fileError.set(e.getMessage());
            return;
        }
        RunSettings s = settings.get();
        submit(() -> Variant.of(models.build(spec, null), s), true, published -> forgetHistory());
    }

    public void openFile(Path file) {
        RunSettings s = settings.get();
        submit(() -> Variant.of(models.read(file), s), true, published -> forgetHistory());
    }

    /** A newly opened model starts a new knob history (the old one is about another model). */
    private void forgetHistory() {
        undo.clear();
        redo.clear();
    }

    // ---- knobs and history ----

    /** Sets a knob from text; an impossible value is reported at the knob and the current net stays. */
    public void setKnob(String knob, String text) {
        Variant v = variant.get();
        ModelSpec current = v == null ? null : v.spec().orElse(null);
        if (current == null) {
            return;
        }
        ModelSpec next;
        try {
            next = current.with(knob, text);
        } catch (KnobException e) {
            knobError.set(new KnobError(e.knob(), e.getMessage()));
            return;
        }
        if (next.knobs().equals(current.knobs())) {
            clearKnobError(knob);
            return;
        }
        KnobValues before = current.knobs();
        long now = System.nanoTime();
        boolean coalesce = knob.equals(lastChangedKnob) && now - lastChangeNanos < UNDO_COALESCE_NANOS;
        lastChangedKnob = knob;
        lastChangeNanos = now;
        RunSettings s = settings.get();
        submit(() -> Variant.of(models.build(next, knob), s), false, published -> {
            if (!coalesce || undo.isEmpty()) {
                undo.push(before);
            }
            redo.clear();
        });
    }

    public void undo() {
        step(undo, redo);
    }

    public void redo() {
        step(redo, undo);
    }

    private void step(Deque<KnobValues> from, Deque<KnobValues> to) {
        Variant v = variant.get();
        ModelSpec shown = v == null ? null : v.spec().orElse(null);
        if (from.isEmpty() || shown == null) {
            return;
        }
        KnobValues target = from.pop();
        KnobValues current = shown.knobs();
        lastChangedKnob = null;
        ModelSpec spec = new ModelSpec(shown.name(), shown.family(), target);
        RunSettings s = settings.get();
        submit(() -> Variant.of(models.build(spec, null), s), false, published -> to.push(current));
        updateHistoryFlags();
    }

    private void updateHistoryFlags() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }

    // ---- view options ----

    public void setCollapsed(Set<String> blocks) {
        collapsed.set(Set.copyOf(blocks));
        relayout();
    }

    /** Collapses an expanded block or expands a collapsed one. */
    public void toggleBlock(String block) {
        Set<String> next = new HashSet<>(collapsed.get());
        if (!next.remove(block)) {
            next.add(block);
        }
        setCollapsed(next);
    }

    /** Collapses every unit (bottleneck, dense layer, fire module, shuffle unit) into one box. */
    public void collapseAll() {
        Variant v = variant.get();
        if (v != null) {
            setCollapsed(DiagramBuilder.innermostBlocks(v.net()));
        }
    }

    public void expandAll() {
        setCollapsed(Set.of());
    }

    public void setSettings(RunSettings s) {
        RunSettings was = settings.get();
        settings.set(s);
        Variant v = variant.get();
        if (v == null || s.equals(was)) {
            return;
        }
        if (s.measuresLike(was)) {
            // Only automatic measuring changed: nothing to rebuild; measure now if it was just switched on.
            if (s.autoMeasure() && measurement.get() == null && !measuring.get()) {
                startMeasuring(v, 0);
            }
            return;
        }
        submit(() -> v.withSettings(s), false, null);
    }

    private void relayout() {
        Variant v = variant.get();
        if (v != null) {
            submit(() -> v, false, null);
        }
    }

    // ---- measurement ----

    public void measureNow() {
        Variant v = variant.get();
        if (v != null) {
            startMeasuring(v, 0);
        }
    }

    public void cancelMeasurement() {
        meter.cancel();
        if (measuring.get()) {
            measuring.set(false);
            progress.set(0);
            status.set("measurement cancelled");
        }
    }

    private void startMeasuring(Variant v, long delayMs) {
        if (v.memory() == null) {
            meter.cancel();
            measuring.set(false);
            status.set("cannot run " + v.name() + ": it has layers the runtime does not know");
            return;
        }
        measuring.set(true);
        progress.set(-1);
        status.set("measuring soon…");
        meter.request(v, settings.get(), delayMs);
    }

    // ---- pins ----

    /** Pins the current variant with its figures; the first pin becomes the baseline. */
    public void pin() {
        Variant v = variant.get();
        if (v == null) {
            return;
        }
        KnobValues preset = v.spec().map(spec -> models.resolve(spec.name(), Map.of()).knobs()).orElse(null);
        Pin p = Pin.of(v, measurement.get(), settings.get(), preset);
        pins.add(p);
        if (baseline.get() == null) {
            baseline.set(p);
        }
    }

    /** Removes this very pin (the same variant pinned twice gives two equal pins). */
    public void removePin(Pin p) {
        pins.removeIf(x -> x == p);
        if (p == baseline.get()) {
            baseline.set(pins.isEmpty() ? null : pins.get(0));
        }
    }

    public void setBaseline(Pin p) {
        baseline.set(p);
    }

    // ---- the pipeline ----

    /** What a request does once its variant is on screen (e.g. push the undo step). */
    private interface OnPublished {
        void run(Variant published);
    }

    private interface VariantMaker {
        Variant make() throws VariantException;
    }

    /**
     * Makes a variant and its diagram on the worker and puts them on screen; an error keeps the current ones.
     *
     * @param fresh a new model: fit the view, forget the previous figures, clear the collapsed blocks
     */
    private void submit(VariantMaker maker, boolean fresh, OnPublished onPublished) {
        long started = System.nanoTime();
        long serial = ++requestSerial;
        busy.set(true);
        DiagramOptions options = DiagramOptions.defaults().withCollapsed(fresh ? Set.of() : collapsed.get());
        builder.submit(() -> {
            try {
                Variant v = maker.make();
                Diagram d = DiagramBuilder.build(v.name(), v.analysis(), options, fresh ? null : layoutHint);
                layoutHint = d;
                fx.execute(() -> publish(v, d, fresh, serial, started, onPublished));
            } catch (VariantException e) {
                fx.execute(() -> reject(e, serial));
            } catch (RuntimeException e) {
                fx.execute(() -> reject(new VariantException(lastChangedKnob, "internal error: " + e), serial));
            }
        });
    }

    private void publish(Variant v, Diagram d, boolean fresh, long serial, long started, OnPublished onPublished) {
        Variant old = variant.get();
        boolean sameNet = old != null && old.net() == v.net();
        if (fresh) {
            collapsed.set(Set.of());
            previousFigures.set(null);
            selectedLayer.set(-1);
        } else if (old != null && !sameNet) {
            previousFigures.set(Figures.of(old, measurement.get()));
        }
        knobError.set(null);
        fileError.set(null);
        Measurement m = measurement.get();
        variant.set(v);
        if (sameNet && m != null && m.settings().measuresLike(settings.get())) {
            measurement.set(new Measurement(v, m.settings(), m.profile()));
        } else {
            measurement.set(null);
        }
        diagram.set(d);
        if (selectedLayer.get() >= v.net().size()) {
            selectedLayer.set(-1);
        }
        if (onPublished != null) {
            onPublished.run(v);
            updateHistoryFlags();
        }
        if (serial == requestSerial) {
            updateMillis.set((System.nanoTime() - started) / 1e6);
        }
        if (measurement.get() == null && settings.get().autoMeasure()) {
            startMeasuring(v, fresh ? 0 : MEASURE_DEBOUNCE_MS);
        }
        finished(serial);
    }

    private void finished(long serial) {
        finishedSerial = Math.max(finishedSerial, serial);
        busy.set(finishedSerial < requestSerial || measuring.get());
    }

    private void reject(VariantException e, long serial) {
        finished(serial);
        if (e.knob() != null) {
            knobError.set(new KnobError(e.knob(), e.getMessage()));
        } else {
            fileError.set(e.getMessage());
        }
    }

    private void clearKnobError(String knob) {
        KnobError e = knobError.get();
        if (e != null && e.knob().equals(knob)) {
            knobError.set(null);
        }
    }

    /** Hides the banner's message and the knob's (a file that could not be opened, a refused knob value). */
    public void dismissErrors() {
        fileError.set(null);
        knobError.set(null);
    }

    /** Shows a one-line message in the status bar (a file written, a layer found). */
    public void say(String message) {
        status.set(message);
    }

    public void shutdown() {
        builder.shutdown();
        meter.shutdown();
        studies.shutdown();
    }

    public LabsModel labs() {
        return labs;
    }

    public SweepModel sweep() {
        return sweep;
    }

    public AtlasModel atlas() {
        return atlas;
    }

    /** A lab, sweep or atlas job is running. */
    public ReadOnlyBooleanProperty studyRunningProperty() {
        return studies.runningProperty();
    }

    // ---- properties ----

    public ReadOnlyObjectProperty<Variant> variantProperty() {
        return variant;
    }

    public Variant variant() {
        return variant.get();
    }

    /** The figures of the variant shown before this one (null after opening a model). */
    public ReadOnlyObjectProperty<Figures> previousFiguresProperty() {
        return previousFigures;
    }

    public ReadOnlyObjectProperty<Diagram> diagramProperty() {
        return diagram;
    }

    /** The measurement of the current variant; null until it is measured. */
    public ReadOnlyObjectProperty<Measurement> measurementProperty() {
        return measurement;
    }

    public ReadOnlyObjectProperty<KnobError> knobErrorProperty() {
        return knobError;
    }

    /** A model or file that could not be opened (the current one stays). */
    public ReadOnlyStringProperty fileErrorProperty() {
        return fileError;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** Measurement progress 0..1, or -1 while it cannot tell (preparing). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    /** True while a change is being built or measured; false once everything on screen is final. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty measuringProperty() {
        return measuring;
    }

    /** How long the last change took from request to diagram ready, in ms. */
    public ReadOnlyDoubleProperty updateMillisProperty() {
        return updateMillis;
    }

    public ReadOnlyObjectProperty<RunSettings> settingsProperty() {
        return settings;
    }

    public ReadOnlyObjectProperty<Set<String>> collapsedProperty() {
        return collapsed;
    }

    public ObjectProperty<Overlay> overlayProperty() {
        return overlay;
    }

    /** The selected layer's index in the net, -1 for none. */
    public IntegerProperty selectedLayerProperty() {
        return selectedLayer;
    }

    public ObservableList<Pin> pins() {
        return pins;
    }

    public ReadOnlyObjectProperty<Pin> baselineProperty() {
        return baseline;
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo;
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo;
    }
}
