package io.archexplorer.app.cli;

import io.archexplorer.app.study.LoadedModel;
import io.archexplorer.app.study.ModelSource;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The MODEL argument of a command plus its {@code --set} knobs, opened by the study layer; a file's import warnings
 * go to {@code warnings}, one line each.
 */
public final class ModelArgument {
    private final ModelSource models;
    private final Consumer<String> warnings;

    public ModelArgument(ModelSource models, Consumer<String> warnings) {
        this.models = models;
        this.warnings = warnings;
    }

    public LoadedModel load(String model, Map<String, String> knobSettings) {
        if (ModelSource.isFile(model) && !knobSettings.isEmpty()) {
            throw new UsageException("--set changes the knobs of a preset or family; " + model
                    + " is a model file (edit it, or start from a preset)");
        }
        LoadedModel loaded = models.open(model, knobSettings);
        loaded.warnings().forEach(warnings);
        return loaded;
    }
}
