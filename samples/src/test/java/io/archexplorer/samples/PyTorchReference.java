package io.archexplorer.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Figures PyTorch computed for torchvision's and timm's models (test resources reference/torchvision-figures.json
 * and reference/timm-figures.json, the latter keyed by the catalog's preset names), by preset name.
 */
final class PyTorchReference {
    private static final ObjectNode MODELS = load("torchvision-figures.json", "timm-figures.json");

    private PyTorchReference() {
    }

    private static ObjectNode load(String... files) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode models = json.createObjectNode();
        for (String file : files) {
            try (InputStream in = PyTorchReference.class.getResourceAsStream("/reference/" + file)) {
                json.readTree(in).get("models").fields().forEachRemaining(e -> {
                    if (models.has(e.getKey())) {
                        throw new IllegalStateException(e.getKey() + " has figures in two reference files");
                    }
                    models.set(e.getKey(), e.getValue());
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return models;
    }

    /** Whether PyTorch's figures include the model of this name. */
    static boolean covers(String name) {
        return MODELS.has(name);
    }

    static JsonNode model(String name) {
        JsonNode m = MODELS.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no reference figures for " + name);
        }
        return m;
    }
}
