package io.archexplorer.engine.io.onnx;

import java.util.List;

/**
 * The ONNX messages the exporter writes, built from their field numbers in {@code onnx.proto} (ONNX IR version 8).
 * This is the only class that knows those numbers.
 */
final class OnnxMessages {
    // TensorProto.DataType
    private static final int FLOAT = 1;
    private static final int INT64 = 7;

    // AttributeProto.AttributeType
    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_INTS = 7;

    private OnnxMessages() {
    }

    /** ModelProto: ir_version 1, producer_name 2, graph 7, opset_import 8. */
    static ProtoMessage model(long irVersion, long opsetVersion, String producerName, ProtoMessage graph) {
        ProtoMessage defaultDomain = new ProtoMessage()
                .string(1, "") // OperatorSetIdProto.domain: empty is the default ai.onnx domain
                .varint(2, opsetVersion); // OperatorSetIdProto.version
        return new ProtoMessage()
                .varint(1, irVersion)
                .string(2, producerName)
                .message(7, graph)
                .message(8, defaultDomain);
    }

    /** GraphProto: node 1, name 2, initializer 5, input 11, output 12, value_info 13. */
    static ProtoMessage graph(String name, List<ProtoMessage> nodes, List<ProtoMessage> initializers,
                              ProtoMessage input, ProtoMessage output, List<ProtoMessage> valueInfos) {
        ProtoMessage graph = new ProtoMessage();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, name);
        initializers.forEach(t -> graph.message(5, t));
        graph.message(11, input);
        graph.message(12, output);
        valueInfos.forEach(v -> graph.message(13, v));
        return graph;
    }

    /** NodeProto: input 1, output 2, name 3, op_type 4, attribute 5. */
    static ProtoMessage node(String opType, String name, List<String> inputs, List<String> outputs,
                             List<ProtoMessage> attributes) {
        ProtoMessage node = new ProtoMessage();
        inputs.forEach(i -> node.string(1, i));
        outputs.forEach(o -> node.string(2, o));
        node.string(3, name).string(4, opType);
        attributes.forEach(a -> node.message(5, a));
        return node;
    }

    /** AttributeProto: name 1, i 3, type 20. */
    static ProtoMessage intAttribute(String name, long value) {
        return new ProtoMessage().string(1, name).varint(3, value).varint(20, ATTRIBUTE_INT);
    }

    /** AttributeProto: name 1, f 2, type 20. */
    static ProtoMessage floatAttribute(String name, float value) {
        return new ProtoMessage().string(1, name).fixed32Float(2, value).varint(20, ATTRIBUTE_FLOAT);
    }

    /** AttributeProto: name 1, ints 8, type 20. */
    static ProtoMessage intsAttribute(String name, long... values) {
        return new ProtoMessage().string(1, name).packedInt64s(8, values).varint(20, ATTRIBUTE_INTS);
    }

    /** TensorProto: dims 1, data_type 2, name 8, raw_data 9 (little-endian float32, the array is referenced). */
    static ProtoMessage floatTensor(String name, long[] dims, float[] values) {
        return new ProtoMessage().packedInt64s(1, dims).varint(2, FLOAT).string(8, name).littleEndianFloats(9, values);
    }

    /** TensorProto: dims 1, data_type 2, int64_data 7, name 8. */
    static ProtoMessage int64Tensor(String name, long[] dims, long[] values) {
        return new ProtoMessage().packedInt64s(1, dims).varint(2, INT64).packedInt64s(7, values).string(8, name);
    }

    /**
     * ValueInfoProto (name 1, type 2) of a float32 tensor with a fixed shape: TypeProto.tensor_type 1 →
     * Tensor (elem_type 1, shape 2) → TensorShapeProto.dim 1 → Dimension.dim_value 1.
     */
    static ProtoMessage floatValueInfo(String name, int[] dims) {
        ProtoMessage shape = new ProtoMessage();
        for (int d : dims) {
            shape.message(1, new ProtoMessage().varint(1, d));
        }
        ProtoMessage tensorType = new ProtoMessage().varint(1, FLOAT).message(2, shape);
        return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(1, tensorType));
    }
}
