package io.archexplorer.engine.io.onnx;

import io.archexplorer.engine.io.ModelFileException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of an ONNX ModelProto the importer uses, decoded from the wire format by their field numbers in
 * {@code onnx.proto} (the reading counterpart of {@link OnnxMessages}). Fields it does not use, including subgraphs
 * of control-flow nodes, are skipped unread, so decoding never recurses deeper than these fixed levels.
 */
final class OnnxProtos {
    private OnnxProtos() {
    }

    /** @param opset the version of the default (ai.onnx) operator set, 0 when the file imports none */
    record Model(long irVersion, long opset, String producer, Graph graph) {
    }

    /** @param outputs the names of the graph's outputs */
    record Graph(String name, List<Node> nodes, List<OnnxTensor> initializers, List<ValueInfo> inputs,
                 List<String> outputs) {
    }

    /** @param offset where the node's record starts in the file, for messages about a nameless node */
    record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                List<Attribute> attributes, int offset) {

        Attribute attribute(String attributeName) {
            return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst().orElse(null);
        }
    }

    /** One attribute; of the fields only those of its kind are set (the others are 0, empty or null). */
    record Attribute(String name, float f, long i, String s, OnnxTensor t, List<Float> floats, List<Long> ints) {
    }

    /** A graph input: its name and dimensions, a dimension being its value or its symbolic name. */
    record ValueInfo(String name, List<Object> dims) {
    }

    /** ModelProto: ir_version 1, producer_name 2, producer_version 3, graph 7, opset_import 8. */
    static Model model(ProtoReader r) throws ModelFileException {
        long ir = 0;
        long opset = 0;
        String producer = "";
        String producerVersion = "";
        Graph graph = null;
        while (r.hasNext()) {
            switch (r.nextField()) {
                case 1 -> ir = varint(r);
                case 2 -> producer = string(r);
                case 3 -> producerVersion = string(r);
                case 7 -> graph = graph(message(r, "a GraphProto"));
                case 8 -> {
                    long version = defaultDomainVersion(message(r, "an OperatorSetIdProto"));
                    opset = Math.max(opset, version);
                }
                default -> r.skip();
            }
        }
        if (graph == null) {
            throw r.problem(0, "expected an ONNX model (a ModelProto with a graph); found no graph");
        }
        return new Model(ir, opset, (producer + " " + producerVersion).trim(), graph);
    }

    /** OperatorSetIdProto: domain 1, version 2; the version when the domain is the default one, else 0. */
    private static long defaultDomainVersion(ProtoReader r) throws ModelFileException {
        String domain = "";
        long version = 0;
        while (r.hasNext()) {
            switch (r.nextField()) {
                case 1 -> domain = string(r);
                case 2 -> version = varint(r);
                default -> r.skip();
            }
        }
        return domain.isEmpty() || domain.equals("ai.onnx") ? version : 0;
    }

    /** GraphProto: node 1, name 2, initializer 5, input 11, output 12. */
    private static Graph graph(ProtoReader r) throws ModelFileException {
        String name = "";
        List<Node> nodes = new ArrayList<>();
        List<OnnxTensor> initializers = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (r.hasNext()) {
            switch (r.nextField()) {
                case 1 -> {
                    int offset = r.fieldOffset();
                    nodes.add(node(message(r, "a NodeProto"), offset));
                }
                case 2 -> name = string(r);
                case 5 -> initializers.add(tensor(message(r, "a TensorProto")));
                case 11 -> inputs.add(valueInfo(message(r, "a ValueInfoProto")));
                case 12 -> outputs.add(valueInfo(message(r, "a ValueInfoProto")).name());
                default -> r.skip();
            }
        }
        return new Graph(name, nodes, initializers, inputs, outputs);
    }

    /** NodeProto: input 1, output 2, name 3, op_type 4, attribute 5, domain 7. */
    private static Node node(ProtoReader r, int offset) throws ModelFileException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<Attribute> attributes = new ArrayList<>();
        String name = "";
        String opType = "";
        String domain = "";
        while (r.hasNext()) {
            switch (r.nextField()) {
                case 1 -> inputs.add(string(r));
                case 2 -> outputs.add(string(r));
                case 3 -> name = string(r);
                case 4 -> opType = string(r);
                case 5 -> attributes.add(attribute(message(r, "an AttributeProto")));
                case 7 -> domain = string(r);
                default -> r.skip();
            }
        }
        return new Node(name, opType, domain, inputs, outputs, attributes, offset);
    }

    /** AttributeProto: name 1, f 2, i 3, s 4, t 5, floats 7, ints 8 (graphs and the rest skipped). */
    private static Attribute attribute(ProtoReader r) throws ModelFileException {
        String name = "";
        float f = 0;
        long i = 0;
        String s = "";
        OnnxTensor t = null;
        List<Float> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        while (r.hasNext()) {
            switch (r.nextField()) {
                case 1 -> name = string(r);
                case 2 -> f = float32(r);
                case 3 -> i = varint(r);
                case 4 -> s = string(r);
                case 5 -> t = tensor(message(r, "a TensorProto"));
                case 7 -> floats(r, floats);
                case 8 -> r.integers(ints::add);
                default -> r.skip();
            }
        }
        return new Attribute(name, f, i, s, t, floats, ints);
    }

    /**
     * TensorProto: dims 1, data_type 2, float_data 4, int32_data 5, int64_data 7, name 8, raw_data 9,
     * data_location 14 (1 = EXTERNAL).
     */
    static OnnxTensor tensor(ProtoReader r) throws ModelFileException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteBuffer data = null;
        ByteBuffer varints = null;
        List<Float> looseFloats = new ArrayList<>();
        List<Long> looseIntegers = new ArrayList<>();
        boolean external = false;
        while (r.hasNext()) {
            switch (r.nextField()) {
                case 1 -> r.integers(dims::add);
                case 2 -> dataType = (int) varint(r);
                case 4 -> {
                    if (r.wireType() == ProtoReader.LENGTH_DELIMITED) {
                        data = r.payload();
                    } else {
                        looseFloats.add(float32(r));
                    }
                }
                case 5, 7 -> {
                    if (r.wireType() == ProtoReader.LENGTH_DELIMITED) {
                        varints = r.payload();
                    } else {
                        looseIntegers.add(varint(r));
                    }
                }
                case 8 -> name = string(r);
                case 9 -> data = bytes(r);
                case 14 -> external = varint(r) == 1;
                default -> r.skip();
            }
        }
        if (!looseFloats.isEmpty()) {
            data = floatBytes(looseFloats);
        }
        if (!looseIntegers.isEmpty()) {
            varints = varintBytes(looseIntegers);
        }
        return new OnnxTensor(name, dims.stream().mapToLong(Long::longValue).toArray(), dataType, data, varints,
                external);
    }

    /**
     * ValueInfoProto: name 1, type 2 → TypeProto.tensor_type 1 → shape 2 → TensorShapeProto.dim 1 → dim_value 1 or
     * dim_param 2.
     */
    private static ValueInfo valueInfo(ProtoReader r) throws ModelFileException {
        String name = "";
        List<Object> dims = new ArrayList<>();
        while (r.hasNext()) {
            switch (r.nextField()) {
                case 1 -> name = string(r);
                case 2 -> {
                    ProtoReader shape = nested(nested(message(r, "a TypeProto"), 1, "a tensor type"), 2, "a shape");
                    while (shape != null && shape.hasNext()) {
                        if (shape.nextField() == 1) {
                            dims.add(dimension(message(shape, "a dimension")));
                        } else {
                            shape.skip();
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return new ValueInfo(name, dims);
    }

    /** A dimension's value (Long) or symbolic name (String; "?" when it has neither). */
    private static Object dimension(ProtoReader r) throws ModelFileException {
        Object dim = "?";
        while (r.hasNext()) {
            switch (r.nextField()) {
                case 1 -> dim = varint(r);
                case 2 -> dim = string(r);
                default -> r.skip();
            }
        }
        return dim;
    }

    /** The last occurrence of a nested message field in {@code r}, or null when absent (or {@code r} is null). */
    private static ProtoReader nested(ProtoReader r, int field, String what) throws ModelFileException {
        ProtoReader found = null;
        while (r != null && r.hasNext()) {
            if (r.nextField() == field) {
                found = message(r, what);
            } else {
                r.skip();
            }
        }
        return found;
    }

    private static ProtoReader message(ProtoReader r, String what) throws ModelFileException {
        r.expect(ProtoReader.LENGTH_DELIMITED, what);
        return r.message();
    }

    /**
     * A string field, with control characters spelled out as Unicode escapes: names end up in one-line messages,
     * tables and drawings, and a damaged file may hold line breaks in them.
     */
    private static String string(ProtoReader r) throws ModelFileException {
        r.expect(ProtoReader.LENGTH_DELIMITED, "a string");
        String text = r.string();
        if (text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder printable = new StringBuilder();
        text.chars().forEach(c -> printable.append(Character.isISOControl(c)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return printable.toString();
    }

    private static ByteBuffer bytes(ProtoReader r) throws ModelFileException {
        r.expect(ProtoReader.LENGTH_DELIMITED, "bytes");
        return r.payload();
    }

    private static long varint(ProtoReader r) throws ModelFileException {
        r.expect(ProtoReader.VARINT, "a varint");
        return r.varint();
    }

    private static float float32(ProtoReader r) throws ModelFileException {
        r.expect(ProtoReader.FIXED32, "a float");
        return Float.intBitsToFloat(r.fixed32());
    }

    /** A repeated float field, packed or not. */
    private static void floats(ProtoReader r, List<Float> into) throws ModelFileException {
        if (r.wireType() == ProtoReader.FIXED32) {
            into.add(float32(r));
            return;
        }
        ByteBuffer packed = bytes(r);
        for (int k = 0; k + 4 <= packed.remaining(); k += 4) {
            into.add(packed.getFloat(k));
        }
    }

    private static ByteBuffer floatBytes(List<Float> values) {
        ByteBuffer data = ByteBuffer.allocate(4 * values.size()).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach(data::putFloat);
        return data.flip();
    }

    private static ByteBuffer varintBytes(List<Long> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long v : values) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }
}
