package io.archexplorer.engine.io;

import java.util.List;

/**
 * A net read from a model file of any format, with what the reader wants the user to know.
 *
 * @param document the net (at batch 1: figures are per image) and where it came from
 * @param warnings one line each, {@code file:line:column: ...}: layers shown as opaque, assumptions made
 * @param declaredBatch the batch size the file declares (informational; 1 when it declares none)
 */
public record ImportedModel(NetDocument document, List<String> warnings, int declaredBatch) {
    public ImportedModel {
        warnings = List.copyOf(warnings);
    }
}
