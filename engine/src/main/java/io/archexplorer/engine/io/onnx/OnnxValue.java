package io.archexplorer.engine.io.onnx;

import io.archexplorer.engine.graph.Shape;

/** What an ONNX tensor name stands for while a graph is imported. */
sealed interface OnnxValue {
    /** A tensor an engine layer computes (a feature map, or N×features); its shape is unknown below opaque layers. */
    record Feature(String layer, Shape shape) implements OnnxValue {
    }

    /** A tensor whose values are known without running the net: an initializer, a Constant, folded arithmetic. */
    record Constant(OnnxTensor tensor) implements OnnxValue {
    }

    /**
     * The middle of a channel shuffle as exporters write it: {@code source} viewed as N×g×(C/g)×H×W by a Reshape
     * and, once {@code transposed}, as N×(C/g)×g×H×W. The Reshape back to N×C×H×W makes it one shuffle layer.
     */
    record GroupedChannels(Feature source, int groups, boolean transposed) implements OnnxValue {
    }

    /** A tensor the engine cannot represent (a 3-D tensor, a pooling's indices, ...); {@code why} says what it is. */
    record Unrepresentable(String why) implements OnnxValue {
    }
}
