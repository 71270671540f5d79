package io.archexplorer.app.study;

import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.ModelFiles;
import io.archexplorer.engine.io.NetDocument;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.UnknownModelException;
import io.archexplorer.samples.knobs.KnobException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Opens models for the window and the command line alike: a preset or a family with knob settings, or a model file
 * (the project's .json, a Caffe .prototxt or an ONNX model, with the file's own weights). Every failure is a
 * {@link VariantException} with a one-line message naming the culprit.
 */
public final class ModelSource {
    private final Catalog catalog;

    public ModelSource(Catalog catalog) {
        this.catalog = catalog;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** True when {@code model} names a file rather than a preset or family. */
    public static boolean isFile(String model) {
        return ModelFiles.isModelFile(Path.of(model)) || model.contains("/") || Files.isRegularFile(Path.of(model));
    }

    /** A preset, family or model file by the name a user typed; knob settings apply to presets and families. */
    public LoadedModel open(String model, Map<String, String> knobSettings) {
        if (isFile(model)) {
            return read(Path.of(model));
        }
        ModelSpec spec = resolve(model, knobSettings);
        return build(spec, null, spec.name() + " with " + describe(knobSettings) + ": ");
    }

    public ModelSpec resolve(String model, Map<String, String> knobSettings) {
        try {
            return catalog.resolve(model, knobSettings);
        } catch (UnknownModelException e) {
            throw new VariantException(null, e.getMessage());
        } catch (KnobException e) {
            throw new VariantException(e.knob(), e.getMessage());
        }
    }

    /**
     * Builds a variant of a family after a knob was turned.
     *
     * @param changedKnob the knob the user just turned: an impossible net is reported at it
     */
    public LoadedModel build(ModelSpec spec, String changedKnob) {
        return build(spec, changedKnob, "impossible net: ");
    }

    /** Builds a variant a study made (a sweep's value, a lab's row); an impossible net is reported at no knob. */
    public static LoadedModel built(ModelSpec spec) {
        return build(spec, null, "impossible net: ");
    }

    private static LoadedModel build(ModelSpec spec, String changedKnob, String impossible) {
        Net net;
        try {
            net = spec.build();
        } catch (KnobException e) {
            throw new VariantException(e.knob(), e.getMessage());
        } catch (InvalidNetException e) {
            throw new VariantException(changedKnob, impossible + e.getMessage());
        }
        return new LoadedModel(spec.name(), net, Optional.empty(), new LoadedModel.Built(spec));
    }

    public LoadedModel read(Path file) {
        try {
            ImportedModel imported = ModelFiles.read(file);
            NetDocument doc = imported.document();
            return new LoadedModel(doc.net().name(), doc.net(), imported.weights(), new LoadedModel.Read(file,
                    doc.family(), doc.knobs(), imported.warnings(), imported.declaredBatch()));
        } catch (ModelFileException e) {
            throw new VariantException(null, e.getMessage());
        }
    }

    private static String describe(Map<String, String> settings) {
        if (settings.isEmpty()) {
            return "its default knobs";
        }
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
