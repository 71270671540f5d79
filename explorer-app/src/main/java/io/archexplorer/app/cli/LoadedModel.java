package io.archexplorer.app.cli;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.StoredWeights;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.RuntimeOptions;
import io.archexplorer.engine.weights.NetWeights;
import java.util.Map;
import java.util.Optional;

/**
 * A model ready to analyze, whatever it came from.
 *
 * @param family the family it was built from; empty for a model file that names none
 * @param knobs knob name → typed value (number, boolean, text, list of numbers); for an imported file, what it
 *     declares (e.g. {@code declared_batch})
 * @param weights the model file's own weights (an ONNX file's initializers); absent for presets and files without
 *     weights, which run with weights generated from a seed
 */
public record LoadedModel(String name, String family, Map<String, Object> knobs, Net net,
                          Optional<StoredWeights> weights) {

    public LoadedModel(String name, String family, Map<String, Object> knobs, Net net) {
        this(name, family, knobs, net, Optional.empty());
    }

    /**
     * Compiles {@code net} (this model's net, or the same at another batch size) with the file's weights, or with
     * weights generated from {@code seed} when the model has none of its own.
     */
    public CompiledNet compile(Net net, long seed, RuntimeOptions options) {
        if (weights.isEmpty()) {
            return CompiledNet.create(net, seed, options);
        }
        return CompiledNet.compile(net, weights(net, seed), options);
    }

    /** The weights {@link #compile} uses, for {@code net}. */
    public NetWeights weights(Net net, long seed) {
        if (weights.isEmpty()) {
            return NetWeights.generate(net, seed);
        }
        try {
            return weights.get().load(net);
        } catch (ModelFileException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** How {@code run} and {@code bench} say where the weights come from. */
    public String weightsOrigin(long seed) {
        return weights.isPresent() ? "the file's weights" : "weights from seed " + seed;
    }
}
