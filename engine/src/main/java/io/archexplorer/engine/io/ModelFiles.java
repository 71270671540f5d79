package io.archexplorer.engine.io;

import io.archexplorer.engine.io.caffe.CaffeImporter;
import io.archexplorer.engine.io.onnx.OnnxImporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens a model file with the reader its extension names: the project's JSON, a Caffe prototxt or an ONNX model. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** True when {@link #read} knows the file's extension. */
    public static boolean isModelFile(Path file) {
        String name = lowerCaseName(file);
        return name.endsWith(".json") || name.endsWith(".prototxt") || name.endsWith(".onnx");
    }

    public static ImportedModel read(Path file) throws ModelFileException {
        String name = lowerCaseName(file);
        if (name.endsWith(".prototxt")) {
            return CaffeImporter.read(file);
        }
        if (name.endsWith(".onnx")) {
            return OnnxImporter.read(file);
        }
        NetDocument doc = NetJson.read(file);
        return new ImportedModel(doc, List.of(), doc.net().inputShape().n());
    }

    private static String lowerCaseName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
