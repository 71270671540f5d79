package io.archexplorer.app.cli;

import io.archexplorer.app.study.LoadedModel;
import io.archexplorer.engine.io.NetDocument;
import io.archexplorer.engine.io.NetJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code explorer save}: writes a (tweaked) model to the project's JSON model file, which every command opens. */
public final class SaveCommand implements Command {
    private final ModelArgument models;

    public SaveCommand(ModelArgument models) {
        this.models = models;
    }

    @Override
    public String name() {
        return "save";
    }

    @Override
    public String synopsis() {
        return "save MODEL [--set KNOB=VALUE]... --out FILE.json";
    }

    @Override
    public String summary() {
        return "write the model as a JSON model file (atomically) to reopen or edit later";
    }

    @Override
    public int run(List<String> words, PrintStream out) throws IOException {
        Arguments a = Arguments.parse(name(), words, Set.of("set", "out", "format"));
        a.choice("format", "json", List.of("json"));
        Path file = Path.of(a.required("out"));
        LoadedModel model = models.load(a.single("MODEL"), a.knobSettings());
        try {
            NetJson.write(new NetDocument(model.net(), model.family(), model.knobs()), file);
        } catch (IOException e) {
            throw UsageException.cannotWrite(file, e);
        }
        out.println("saved " + model.name() + " (" + model.net().size() + " layers) to " + file);
        return 0;
    }
}
