package io.archexplorer.engine.io;

import java.util.List;
import java.util.Optional;

/**
 * A net read from a model file of any format, with what the reader wants the user to know.
 *
 * @param document the net (at batch 1: figures are per image) and where it came from
 * @param warnings one line each, {@code file:line:column: ...} (or {@code file: node ...} for binary files): layers
 *     shown as opaque, assumptions made
 * @param declaredBatch the batch size the file declares (informational; 1 when it declares none)
 * @param weights the file's own weights, when it holds them all; otherwise runs use generated weights
 */
public record ImportedModel(NetDocument document, List<String> warnings, int declaredBatch,
                            Optional<StoredWeights> weights) {
    public ImportedModel {
        warnings = List.copyOf(warnings);
    }

    /** A model from a file that holds no weights (a net description only). */
    public ImportedModel(NetDocument document, List<String> warnings, int declaredBatch) {
        this(document, warnings, declaredBatch, Optional.empty());
    }
}
