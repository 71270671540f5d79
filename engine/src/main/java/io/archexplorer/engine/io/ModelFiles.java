package io.archexplorer.engine.io;

import io.archexplorer.engine.io.caffe.CaffeImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens a model file with the reader its extension names: the project's JSON or a Caffe prototxt. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** True when {@link #read} knows the file's extension. */
    public static boolean isModelFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".prototxt");
    }

    public static ImportedModel read(Path file) throws ModelFileException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".prototxt")) {
            return CaffeImporter.read(file);
        }
        NetDocument doc = NetJson.read(file);
        return new ImportedModel(doc, List.of(), doc.net().inputShape().n());
    }
}
