package io.archexplorer.app.cli;

import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.NetDocument;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.ModelFiles;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.UnknownModelException;
import io.archexplorer.samples.knobs.KnobException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Turns the MODEL argument (a preset, a family or a model file: the project's .json, a Caffe .prototxt or an ONNX
 * model) plus {@code --set} knobs into a net. Import warnings go to {@code warnings}, one line each.
 */
public final class ModelSource {
    private final Catalog catalog;
    private final Consumer<String> warnings;

    public ModelSource(Catalog catalog, Consumer<String> warnings) {
        this.catalog = catalog;
        this.warnings = warnings;
    }

    public LoadedModel load(String model, Map<String, String> knobSettings) {
        if (looksLikeFile(model)) {
            if (!knobSettings.isEmpty()) {
                throw new UsageException("--set changes the knobs of a preset or family; " + model
                        + " is a model file (edit it, or start from a preset)");
            }
            return loadFile(Path.of(model));
        }
        ModelSpec spec;
        try {
            spec = catalog.resolve(model, knobSettings);
        } catch (UnknownModelException | KnobException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            return new LoadedModel(spec.name(), spec.family().name(), spec.knobs().asMap(), spec.build());
        } catch (KnobException e) {
            throw new UsageException(e.getMessage());
        } catch (InvalidNetException e) {
            throw new UsageException(spec.name() + " with " + describe(knobSettings) + ": " + e.getMessage());
        }
    }

    private static String describe(Map<String, String> settings) {
        if (settings.isEmpty()) {
            return "its default knobs";
        }
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static boolean looksLikeFile(String model) {
        return ModelFiles.isModelFile(Path.of(model)) || model.contains("/") || Files.isRegularFile(Path.of(model));
    }

    private LoadedModel loadFile(Path file) {
        try {
            ImportedModel imported = ModelFiles.read(file);
            imported.warnings().forEach(warnings);
            NetDocument doc = imported.document();
            return new LoadedModel(doc.net().name(), doc.family(), doc.knobs(), doc.net(), imported.weights());
        } catch (ModelFileException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
