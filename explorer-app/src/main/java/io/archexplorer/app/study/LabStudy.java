package io.archexplorer.app.study;

import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.engine.runtime.ProgressListener;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.knobs.KnobException;
import io.archexplorer.samples.knobs.KnobValues;
import io.archexplorer.samples.labs.GuidelineLab;
import io.archexplorer.samples.labs.LabRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs ShuffleNet V2's guideline labs: builds every row's net and measures the rows as one {@link Experiment}.
 * Labs run unfused, every layer on its own as in the paper's frameworks, so that G4's element-wise ops are paid for
 * (G1–G3 have only convolutions, which fusion does not change).
 */
public final class LabStudy {
    private LabStudy() {
    }

    /** How a lab runs at {@code threads}: batch 1, unfused. */
    public static RunSettings settings(int threads) {
        return new RunSettings(threads, 1, false, false);
    }

    /**
     * The knobs every row of {@code lab} starts from.
     *
     * @throws VariantException for a knob the lab has not, or a bad value
     */
    public static KnobValues base(GuidelineLab lab, Map<String, String> settings) {
        try {
            return lab.base(settings);
        } catch (KnobException e) {
            throw new VariantException(e.knob(), "lab " + lab.id() + ": " + e.getMessage());
        }
    }

    /** Every row's variant, analyzed; not measured. */
    public static List<Variant> variants(GuidelineLab lab, KnobValues base, RunSettings settings) {
        List<Variant> variants = new ArrayList<>();
        for (LabRow row : lab.rows()) {
            ModelSpec spec = lab.spec(row, base);
            variants.add(Variant.of(ModelSource.built(spec), settings));
        }
        return variants;
    }

    /**
     * Measures the lab's rows interleaved at {@code threads}.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancel} is set
     */
    public static LabResult measure(GuidelineLab lab, KnobValues base, int threads, MeasurePlan plan,
                                    ProgressListener progress, CancellationToken cancel) {
        RunSettings settings = settings(threads);
        List<Variant> variants = variants(lab, base, settings);
        List<Measurement> measured = Experiment.measure(variants, settings, plan, progress, cancel);
        List<LabResult.Row> rows = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            rows.add(new LabResult.Row(lab.rows().get(i), variants.get(i), measured.get(i).profile()));
        }
        return new LabResult(lab, base, settings, rows, Instant.now(), Machine.describe());
    }
}
