package io.archexplorer.app.study;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.MemoryFootprint;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.Optional;

/**
 * One state of a model under study: the model, its analysis, and what running it would take.
 *
 * @param memory weights and peak activations at the batch of the run settings; null when the net cannot run
 *     (an opaque layer, an unknown shape)
 */
public record Variant(LoadedModel model, Analysis analysis, MemoryFootprint memory) {

    /** Analyzes the model; the memory figures are for the batch and fusion of {@code settings}. */
    public static Variant of(LoadedModel model, RunSettings settings) {
        return new Variant(model, CostAnalysis.analyze(model.net()), footprint(model.net(), settings));
    }

    /** The same model under new run settings (the memory figures depend on the batch and the fusion). */
    public Variant withSettings(RunSettings settings) {
        return new Variant(model, analysis, footprint(model.net(), settings));
    }

    public String name() {
        return model.name();
    }

    public Net net() {
        return model.net();
    }

    /** The family and knobs it was built from; empty for a model file, which has no knobs. */
    public Optional<ModelSpec> spec() {
        return model.spec();
    }

    /** The knobs as the papers write them, e.g. {@code depth=50, C=32, d=4, resolution=224}; the file otherwise. */
    public String knobSummary() {
        return spec().map(s -> s.knobs().summary())
                .orElseGet(() -> model.file().orElseThrow().getFileName().toString());
    }

    /** The knobs turned away from {@code preset}, e.g. {@code C=64, d=2}; empty for a model file or none turned. */
    public String knobsTurnedFrom(KnobValues preset) {
        return spec().map(s -> s.knobs().differencesFrom(preset)).orElse("");
    }

    private static MemoryFootprint footprint(Net net, RunSettings settings) {
        try {
            // Rebuilding the net at another batch costs as much as building it: skip it on the knob path (batch 1).
            Net atBatch = net.inputShape().n() == settings.batch() ? net : net.withBatch(settings.batch());
            return MemoryFootprint.of(atBatch, settings.runtimeOptions());
        } catch (IllegalArgumentException | IllegalStateException | InvalidNetException e) {
            return null;
        }
    }
}
