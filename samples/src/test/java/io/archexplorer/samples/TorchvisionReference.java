package io.archexplorer.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Figures PyTorch computed for torchvision's models (test resource reference/torchvision-figures.json). */
final class TorchvisionReference {
    private static final JsonNode MODELS = load();

    private TorchvisionReference() {
    }

    private static JsonNode load() {
        try (InputStream in = TorchvisionReference.class.getResourceAsStream("/reference/torchvision-figures.json")) {
            return new ObjectMapper().readTree(in).get("models");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
