package io.archexplorer.app.window;

import io.archexplorer.app.report.Chart;
import io.archexplorer.app.report.LabReport;
import io.archexplorer.app.study.LabRecord;
import io.archexplorer.app.study.LabResult;
import io.archexplorer.app.study.LabStudy;
import io.archexplorer.app.study.RunSettings;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.samples.knobs.KnobValues;
import io.archexplorer.samples.labs.GuidelineLab;
import io.archexplorer.samples.labs.GuidelineLabs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Labs tab without its controls: which guideline lab is shown at which scale and device, its last results at 1
 * thread and at all cores (kept per lab, and in the session), and measuring it in the background.
 */
public final class LabsModel {
    private final StudyRunner runner;
    private final StringProperty lab = new SimpleStringProperty("g1");
    private final StringProperty scale = new SimpleStringProperty("1");
    private final StringProperty device = new SimpleStringProperty("gpu");
    /** Lab id → its results, one per thread count. */
    private final Map<String, List<LabResult>> results = new LinkedHashMap<>();
    private final ObjectProperty<List<LabResult>> shown = new SimpleObjectProperty<>(List.of());

    LabsModel(StudyRunner runner) {
        this.runner = runner;
        lab.addListener((o, was, now) -> show());
    }

    public GuidelineLab selected() {
        return GuidelineLabs.lab(lab.get()).orElseThrow();
    }

    /** The selected lab's knobs for the chosen scale and device (G4 has no device). */
    public KnobValues base() {
        GuidelineLab l = selected();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("scale", scale.get());
        if (l.family().knobs().stream().anyMatch(k -> k.name().equals("device"))) {
            settings.put("device", device.get());
        }
        return LabStudy.base(l, settings);
    }

    /** The thread counts a lab is measured at: 1 and all cores. */
    static List<Integer> threadCounts() {
        int cores = RunSettings.cores();
        return cores == 1 ? List.of(1) : List.of(1, cores);
    }

    /** Measures the selected lab in the background, at every thread count, the rows interleaved. */
    public boolean measure() {
        GuidelineLab l = selected();
        KnobValues base = base();
        return runner.start("measuring " + l.id().toUpperCase(java.util.Locale.ROOT), true, (progress, cancel) -> {
            List<LabResult> measured = new ArrayList<>();
            for (int n : threadCounts()) {
                measured.add(LabStudy.measure(l, base, n, MeasurePlan.standard(), progress, cancel));
            }
            return measured;
        }, measured -> {
            results.put(l.id(), List.copyOf(measured));
            show();
        });
    }

    public void cancel() {
        runner.cancel();
    }

    private void show() {
        shown.set(results.getOrDefault(lab.get(), List.of()));
    }

    /** The shown lab's bar chart; empty until measured. */
    public List<Chart> charts() {
        return shown.get().isEmpty() ? List.of() : List.of(LabReport.chart(shown.get()));
    }

    /** Every kept result, for the session. */
    public List<LabRecord> records() {
        return results.values().stream().flatMap(List::stream).map(LabRecord::of).toList();
    }

    /** Results from the session; records that no longer fit the labs are dropped. */
    public void restore(List<LabRecord> records) {
        Map<String, List<LabResult>> byLab = new LinkedHashMap<>();
        records.stream().map(LabRecord::restore).filter(Objects::nonNull)
                .forEach(r -> byLab.computeIfAbsent(r.lab().id(), k -> new ArrayList<>()).add(r));
        results.putAll(byLab);
        show();
    }

    public StringProperty labProperty() {
        return lab;
    }

    public StringProperty scaleProperty() {
        return scale;
    }

    public StringProperty deviceProperty() {
        return device;
    }

    /** The selected lab's results, one per thread count; empty until measured. */
    public ReadOnlyObjectProperty<List<LabResult>> shownProperty() {
        return shown;
    }

    StudyRunner runner() {
        return runner;
    }
}
