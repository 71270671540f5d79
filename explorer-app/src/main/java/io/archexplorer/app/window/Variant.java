package io.archexplorer.app.window;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.MemoryFootprint;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.knobs.Knob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One state of the model on screen: the net, its analysis, and what running it would take.
 *
 * @param spec the family and knob values it was built from; null for a model file, which has no knobs
 * @param file the model file it was read from; null for a preset or family
 * @param memory weights and peak activations at the batch of the run settings; null when the net cannot run
 *     (an opaque layer, an unknown shape)
 * @param warnings import warnings, one line each
 * @param declaredBatch the batch the file declares (informational; figures are per image)
 */
public record Variant(String name, ModelSpec spec, Path file, Net net, Analysis analysis, MemoryFootprint memory,
                      List<String> warnings, int declaredBatch) {
    public Variant {
        warnings = List.copyOf(warnings);
    }

    /** The knobs as the papers write them, e.g. {@code depth=50, C=32, d=4, resolution=224}; the file otherwise. */
    public String knobSummary() {
        if (spec == null) {
            return file.getFileName().toString();
        }
        List<String> parts = new ArrayList<>();
        for (Knob k : spec.knobs().knobs()) {
            String label = k.symbol().isEmpty() ? k.name() : k.symbol();
            parts.add(label + "=" + k.format(spec.knobs().get(k.name())));
        }
        return String.join(", ", parts);
    }
}
