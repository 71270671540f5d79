package io.archexplorer.app.window;

import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.ModelFiles;
import io.archexplorer.engine.runtime.MemoryFootprint;
import io.archexplorer.engine.runtime.RuntimeOptions;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.knobs.KnobException;
import java.nio.file.Path;
import java.util.List;

/** Makes variants: builds and analyzes a net from knobs or reads a model file. Runs off the FX thread. */
final class Variants {
    private Variants() {
    }

    /**
     * @param changedKnob the knob the user just turned: an impossible net is reported at it
     */
    static Variant build(ModelSpec spec, String changedKnob, RunSettings settings) throws VariantException {
        Net net;
        try {
            net = spec.build();
        } catch (KnobException e) {
            throw new VariantException(e.knob(), e.getMessage());
        } catch (InvalidNetException e) {
            throw new VariantException(changedKnob, "impossible net: " + e.getMessage());
        }
        return new Variant(spec.name(), spec, null, net, CostAnalysis.analyze(net), footprint(net, settings),
                List.of(), 1);
    }

    static Variant read(Path file, RunSettings settings) throws VariantException {
        try {
            ImportedModel imported = ModelFiles.read(file);
            Net net = imported.document().net();
            return new Variant(net.name(), null, file, net, CostAnalysis.analyze(net), footprint(net, settings),
                    imported.warnings(), imported.declaredBatch());
        } catch (ModelFileException e) {
            throw new VariantException(null, e.getMessage());
        }
    }

    /** The same model under new run settings (the memory figures depend on the batch and the fusion). */
    static Variant withSettings(Variant v, RunSettings settings) {
        return new Variant(v.name(), v.spec(), v.file(), v.net(), v.analysis(), footprint(v.net(), settings),
                v.warnings(), v.declaredBatch());
    }

    static RuntimeOptions runtimeOptions(RunSettings s) {
        RuntimeOptions o = RuntimeOptions.defaults().withThreads(s.threads());
        return s.fused() ? o : o.unfused();
    }

    private static MemoryFootprint footprint(Net net, RunSettings settings) {
        try {
            // Rebuilding the net at another batch costs as much as building it: skip it on the knob path (batch 1).
            Net atBatch = net.inputShape().n() == settings.batch() ? net : net.withBatch(settings.batch());
            return MemoryFootprint.of(atBatch, runtimeOptions(settings));
        } catch (IllegalArgumentException | IllegalStateException | InvalidNetException e) {
            return null;
        }
    }
}
