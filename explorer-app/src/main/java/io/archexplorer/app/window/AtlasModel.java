package io.archexplorer.app.window;

import io.archexplorer.app.report.AtlasReport;
import io.archexplorer.app.report.Chart;
import io.archexplorer.app.study.Atlas;
import io.archexplorer.app.study.Figures;
import io.archexplorer.app.study.Measurement;
import io.archexplorer.app.study.Pin;
import io.archexplorer.app.study.Variant;
import io.archexplorer.engine.runtime.MeasurePlan;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Atlas tab without its controls: every preset of the catalog, counted and (when measured) timed on this machine,
 * with the pins and the current variant drawn among them.
 */
public final class AtlasModel {
    private final ExplorerModel explorer;
    private final StudyRunner runner;
    private final ObjectProperty<AtlasReport.Axis> x = new SimpleObjectProperty<>(AtlasReport.Axis.MULT_ADDS);
    private final ObjectProperty<Atlas.Result> result = new SimpleObjectProperty<>();

    AtlasModel(ExplorerModel explorer, StudyRunner runner) {
        this.explorer = explorer;
        this.runner = runner;
    }

    /** Counts every preset (quick), or also measures them (minutes), in the background. */
    public boolean run(boolean measure) {
        var settings = explorer.settingsProperty().get();
        var catalog = explorer.catalog();
        return runner.start(measure ? "measuring the zoo" : "counting the zoo", measure, (progress, cancel) -> {
            Atlas.Result r = Atlas.analyze(catalog, settings, cancel);
            return measure ? Atlas.measure(r, MeasurePlan.standard(), progress, cancel) : r;
        }, result::set);
    }

    public void cancel() {
        runner.cancel();
    }

    /**
     * The scatter of the presets, plus the pins and the current variant as series of their own (measured ones only,
     * when the atlas is measured).
     */
    public Chart chart() {
        Atlas.Result r = result.get();
        if (r == null) {
            return null;
        }
        Chart base = AtlasReport.chart(r, x.get());
        List<Chart.Series> series = new ArrayList<>(base.series());
        List<Chart.Point> pins = new ArrayList<>();
        for (Pin p : explorer.pins()) {
            point(p.figures(), p.label(), r.measured()).ifPresent(pins::add);
        }
        if (!pins.isEmpty()) {
            series.add(new Chart.Series("pinned", pins));
        }
        Variant v = explorer.variant();
        if (v != null) {
            Measurement m = explorer.measurementProperty().get();
            point(Figures.of(v, m), "current: " + v.name(), r.measured())
                    .ifPresent(p -> series.add(new Chart.Series("current", List.of(p))));
        }
        return new Chart(base.title(), base.kind(), base.xLabel(), base.yLabel(), base.categories(), base.logX(),
                base.logY(), series);
    }

    private java.util.Optional<Chart.Point> point(Figures f, String label, boolean measured) {
        double xv = switch (x.get()) {
            case MULT_ADDS -> f.multAdds();
            case MAC -> f.mac();
            case PARAMS -> f.params();
        };
        if (measured && !f.isMeasured()) {
            return java.util.Optional.empty();
        }
        double yv = measured ? f.latencyMs() : x.get() == AtlasReport.Axis.MAC ? f.params() : f.mac();
        return java.util.Optional.of(new Chart.Point(xv, yv, Double.NaN, Double.NaN, label));
    }

    public ObjectProperty<AtlasReport.Axis> xProperty() {
        return x;
    }

    public ReadOnlyObjectProperty<Atlas.Result> resultProperty() {
        return result;
    }

    StudyRunner runner() {
        return runner;
    }
}
