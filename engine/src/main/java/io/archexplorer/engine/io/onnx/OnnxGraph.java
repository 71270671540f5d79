package io.archexplorer.engine.io.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ONNX graph under construction: nodes in topological order, initializers and shape annotations.
 *
 * <p>ONNX requires every tensor name to have exactly one producer (the graph input, an initializer or a node
 * output). Names here come from layer names plus suffixes, so a net whose layer is called, say, {@code conv1.weight}
 * could clash with the weight of {@code conv1}; such a clash fails the export here, naming the tensor, instead of
 * producing a file that no runtime loads.
 */
final class OnnxGraph {
    private final List<ProtoMessage> nodes = new ArrayList<>();
    private final List<ProtoMessage> initializers = new ArrayList<>();
    private final List<ProtoMessage> valueInfos = new ArrayList<>();
    private final Set<String> produced = new HashSet<>();

    /** Declares a tensor that is produced outside the node list (the graph input). */
    void declareProduced(String tensor) {
        claim(tensor);
    }

    /** Adds a node with one output, returning the output's name. */
    String node(String opType, String name, List<String> inputs, String output, ProtoMessage... attributes) {
        claim(output);
        nodes.add(OnnxMessages.node(opType, name, inputs, List.of(output), Arrays.asList(attributes)));
        return output;
    }

    /** Adds a float32 initializer holding {@code values} (referenced, not copied); returns its name. */
    String floatInitializer(String name, long[] dims, float[] values) {
        long elements = Arrays.stream(dims).reduce(1, Math::multiplyExact);
        if (values == null || values.length != elements) {
            throw new IllegalArgumentException("tensor '" + name + "' needs " + elements + " values of shape "
                    + Arrays.toString(dims) + ", got " + (values == null ? "none" : values.length));
        }
        claim(name);
        initializers.add(OnnxMessages.floatTensor(name, dims, values));
        return name;
    }

    /** Adds a float32 scalar (rank 0) initializer; returns its name. */
    String floatScalar(String name, float value) {
        return floatInitializer(name, new long[0], new float[] {value});
    }

    /** Adds a 1-D int64 initializer (shapes, slice bounds, axes); returns its name. */
    String int64Vector(String name, long... values) {
        claim(name);
        initializers.add(OnnxMessages.int64Tensor(name, new long[] {values.length}, values));
        return name;
    }

    /** Records the shape of an intermediate tensor, so viewers show it and runtimes check it. */
    void annotate(String tensor, int[] dims) {
        valueInfos.add(OnnxMessages.floatValueInfo(tensor, dims));
    }

    ProtoMessage toGraphProto(String name, ProtoMessage input, ProtoMessage output) {
        return OnnxMessages.graph(name, nodes, initializers, input, output, valueInfos);
    }

    private void claim(String tensor) {
        if (!produced.add(tensor)) {
            throw new IllegalArgumentException("two ONNX tensors would be named '" + tensor
                    + "'; rename the layer whose name clashes");
        }
    }
}
