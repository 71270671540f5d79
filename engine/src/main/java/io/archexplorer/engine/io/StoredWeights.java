package io.archexplorer.engine.io;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.weights.NetWeights;

/**
 * The weights a model file holds (an ONNX file's initializers), read only when the net is run: the analysis and the
 * drawing never need them, and they may be most of a large file.
 */
public interface StoredWeights {
    /**
     * Reads the weights for {@code net}, index-aligned with its layers.
     *
     * @param net the imported net, or the same net at another batch size (layers are matched by name)
     * @throws ModelFileException when the file's data for a layer is missing or does not have the size it needs
     */
    NetWeights load(Net net) throws ModelFileException;
}
