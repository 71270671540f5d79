package io.archexplorer.app.study;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.NetDocument;
import io.archexplorer.engine.io.StoredWeights;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.RuntimeOptions;
import io.archexplorer.engine.weights.NetWeights;
import io.archexplorer.samples.ModelSpec;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A model ready to analyze, draw and run, whatever it came from: a family's knobs or a model file.
 *
 * @param weights the model file's own weights (an ONNX file's initializers); absent for presets and files without
 *     weights, which run with weights generated from a seed
 */
public record LoadedModel(String name, Net net, Optional<StoredWeights> weights, Origin origin) {

    /** Where a model came from; only a model built from knobs can be turned. */
    public sealed interface Origin permits Built, Read {
        /** The family it was built from; empty for a model file that names none. */
        String family();

        /**
         * Knob name → typed value (number, boolean, text, list of numbers); for an imported file, what it declares
         * (e.g. {@code declared_batch}).
         */
        Map<String, Object> knobs();
    }

    /** Built by a family from knob values. */
    public record Built(ModelSpec spec) implements Origin {
        @Override
        public String family() {
            return spec.family().name();
        }

        @Override
        public Map<String, Object> knobs() {
            return spec.knobs().asMap();
        }
    }

    /**
     * Read from a model file.
     *
     * @param warnings import warnings, one line each
     * @param declaredBatch the batch the file declares (informational; figures are per image)
     */
    public record Read(Path file, String family, Map<String, Object> knobs, List<String> warnings, int declaredBatch)
            implements Origin {
        public Read {
            knobs = Collections.unmodifiableMap(new LinkedHashMap<>(knobs)); // in the file's order, as printed
            warnings = List.copyOf(warnings);
        }
    }

    public String family() {
        return origin.family();
    }

    public Map<String, Object> knobs() {
        return origin.knobs();
    }

    /** The family and knob values, for a model that has them. */
    public Optional<ModelSpec> spec() {
        return origin instanceof Built b ? Optional.of(b.spec()) : Optional.empty();
    }

    /** The file it was read from, for a model file. */
    public Optional<Path> file() {
        return origin instanceof Read r ? Optional.of(r.file()) : Optional.empty();
    }

    public List<String> warnings() {
        return origin instanceof Read r ? r.warnings() : List.of();
    }

    public int declaredBatch() {
        return origin instanceof Read r ? r.declaredBatch() : 1;
    }

    /** The model as the project's model file holds it (its family and knobs kept, so it reopens the same). */
    public NetDocument document() {
        return new NetDocument(net, family(), knobs());
    }

    /**
     * Compiles {@code net} (this model's net, or the same at another batch size) with the file's weights, or with
     * weights generated from {@code seed} when the model has none of its own.
     *
     * @throws VariantException when the file's weights do not fit the net
     */
    public CompiledNet compile(Net net, long seed, RuntimeOptions options) {
        if (weights.isEmpty()) {
            return CompiledNet.create(net, seed, options);
        }
        net.requireKnownShapes("run"); // before loading weights an opaque layer cannot have
        return CompiledNet.compile(net, weights(net, seed), options);
    }

    /**
     * The weights {@link #compile} uses, for {@code net}.
     *
     * @throws VariantException when the file's weights do not fit the net
     */
    public NetWeights weights(Net net, long seed) {
        if (weights.isEmpty()) {
            return NetWeights.generate(net, seed);
        }
        try {
            return weights.get().load(net);
        } catch (ModelFileException e) {
            throw new VariantException(null, e.getMessage());
        }
    }

    /** How {@code run} and {@code bench} say where the weights come from. */
    public String weightsOrigin(long seed) {
        if (weights.isPresent()) {
            return "the file's weights";
        }
        // An ONNX file always carries weights; absent here, the importer found them unusable and warned why.
        boolean fileHadWeights = file().map(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith(".onnx")).orElse(false);
        return "weights from seed " + seed + (fileHadWeights ? ", not the file's (they are unusable, see the warning)"
                : "");
    }
}
