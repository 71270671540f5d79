package io.archexplorer.engine.io.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Writes small ONNX models by hand, node by node, the way another exporter would (PyTorch's spellings of flatten,
 * chunk, channel shuffle, ReLU6), for tests of the importer. Built on the exporter's {@link ProtoMessage} and
 * {@link OnnxMessages}; what those do not write (symbolic dimensions, Constant nodes' tensor values, node lists
 * with several outputs) is written here from onnx.proto's field numbers.
 */
final class OnnxFixture {
    private static final int ATTRIBUTE_STRING = 3;
    private static final int ATTRIBUTE_TENSOR = 4;

    private final List<ProtoMessage> nodes = new ArrayList<>();
    private final List<ProtoMessage> initializers = new ArrayList<>();
    private final List<ProtoMessage> inputs = new ArrayList<>();
    private final Random random;

    OnnxFixture(long seed) {
        this.random = new Random(seed);
    }

    /** A float32 graph input; each dim a Long/Integer size or a String symbolic name. */
    OnnxFixture input(String name, Object... dims) {
        inputs.add(valueInfo(name, dims));
        return this;
    }

    /** A float32 initializer of uniform values in [-0.5, 0.5), or in [0.5, 1.5) when {@code positive}. */
    String weights(String name, boolean positive, long... dims) {
        int count = (int) Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        float[] values = new float[count];
        for (int k = 0; k < count; k++) {
            values[k] = random.nextFloat() - 0.5f + (positive ? 1f : 0f);
        }
        initializers.add(OnnxMessages.floatTensor(name, dims, values));
        return name;
    }

    String weights(String name, long... dims) {
        return weights(name, false, dims);
    }

    /** A float32 initializer that holds {@code count} values whatever its dims say, as in a damaged file. */
    String shortWeights(String name, int count, long... dims) {
        initializers.add(OnnxMessages.floatTensor(name, dims, new float[count]));
        return name;
    }

    /** A 1-D int64 initializer (shapes, axes, split sizes, slice bounds). */
    String ints(String name, long... values) {
        initializers.add(OnnxMessages.int64Tensor(name, new long[] {values.length}, values));
        return name;
    }

    /** A Constant node whose value is a float32 scalar, as PyTorch writes Clip's bounds. */
    String constantScalar(String output, float value) {
        ProtoMessage tensor = OnnxMessages.floatTensor(output + "_value", new long[0], new float[] {value});
        nodes.add(OnnxMessages.node("Constant", output, List.of(), List.of(output), List.of(tensorAttribute(tensor))));
        return output;
    }

    /** A Constant node holding int64 values of the given dims (a scalar when dims is empty). */
    String constantInts(String output, long[] dims, long... values) {
        ProtoMessage tensor = OnnxMessages.int64Tensor(output + "_value", dims, values);
        nodes.add(OnnxMessages.node("Constant", output, List.of(), List.of(output), List.of(tensorAttribute(tensor))));
        return output;
    }

    /** A node with one output named after it. */
    String node(String opType, String name, List<String> nodeInputs, ProtoMessage... attributes) {
        return nodes(opType, name, nodeInputs, List.of(name), attributes).get(0);
    }

    List<String> nodes(String opType, String name, List<String> nodeInputs, List<String> outputs,
                       ProtoMessage... attributes) {
        nodes.add(OnnxMessages.node(opType, name, nodeInputs, outputs, Arrays.asList(attributes)));
        return outputs;
    }

    /** The node list's own order is kept: ONNX files list nodes topologically. */
    byte[] model(int opset, String output) {
        ProtoMessage graph = new ProtoMessage();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, "fixture");
        initializers.forEach(t -> graph.message(5, t));
        inputs.forEach(i -> graph.message(11, i));
        graph.message(12, valueInfo(output));
        ProtoMessage model = OnnxMessages.model(8, opset, "pytorch-style fixture", graph);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            model.writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** AttributeProto: name 1, s 4, type 20 (auto_pad's SAME_UPPER and the like). */
    static ProtoMessage stringAttribute(String name, String value) {
        return new ProtoMessage().string(1, name).string(4, value).varint(20, ATTRIBUTE_STRING);
    }

    /** AttributeProto: name 1, t 5, type 20. */
    private static ProtoMessage tensorAttribute(ProtoMessage tensor) {
        return new ProtoMessage().string(1, "value").message(5, tensor).varint(20, ATTRIBUTE_TENSOR);
    }

    /**
     * ValueInfoProto (name 1, type 2) of float32 → TypeProto.tensor_type 1 → elem_type 1, shape 2 → dim 1 →
     * dim_value 1 or dim_param 2. Without dims, the shape is left out (any shape).
     */
    private static ProtoMessage valueInfo(String name, Object... dims) {
        ProtoMessage tensorType = new ProtoMessage().varint(1, 1);
        if (dims.length > 0) {
            ProtoMessage shape = new ProtoMessage();
            for (Object d : dims) {
                shape.message(1, d instanceof String symbol ? new ProtoMessage().string(2, symbol)
                        : new ProtoMessage().varint(1, ((Number) d).longValue()));
            }
            tensorType.message(2, shape);
        }
        return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(1, tensorType));
    }
}
