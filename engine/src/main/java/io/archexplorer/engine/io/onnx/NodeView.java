package io.archexplorer.engine.io.onnx;

import io.archexplorer.engine.graph.Shape;
import java.util.Map;

/**
 * One ONNX node seen through the values of its inputs: typed access to inputs and attributes, with ONNX's defaults.
 * An input the engine cannot use where it is (a computed tensor where weights belong, a 5-D view) raises
 * {@link Unsupported}, which makes the node opaque; a value out of range raises {@link IllegalArgumentException},
 * which makes the file unreadable.
 */
final class NodeView {
    /** Why a node of an operator the engine has no op for is opaque; such an opaque layer needs no reason. */
    static final String UNKNOWN_OPERATOR = "the engine does not know this operator";
    /** A node the engine has no op for, as written; the message says what (the node becomes opaque). */
    static class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    /**
     * A node that is opaque only because a layer above it is: its input's shape is unknown. Reported as a count
     * after the first cause, not one warning each.
     */
    static final class BelowOpaque extends Unsupported {
        BelowOpaque(String message) {
            super(message);
        }
    }

    private final OnnxProtos.Node node;
    private final Map<String, OnnxValue> values;
    private final String layerName;
    private final long opset;

    NodeView(OnnxProtos.Node node, Map<String, OnnxValue> values, String layerName, long opset) {
        this.node = node;
        this.values = values;
        this.layerName = layerName;
        this.opset = opset;
    }

    OnnxProtos.Node node() {
        return node;
    }

    String opType() {
        return node.opType();
    }

    /** The name the node's layer gets: the node's name, else its first output's. */
    String layerName() {
        return layerName;
    }

    long opset() {
        return opset;
    }

    /** Whether input {@code i} is given (ONNX leaves an optional input out with an empty name). */
    boolean has(int i) {
        return i < node.inputs().size() && !node.inputs().get(i).isEmpty();
    }

    /** The value of input {@code i}, or null when it is not given. */
    OnnxValue value(int i) {
        return has(i) ? values.get(node.inputs().get(i)) : null;
    }

    /** Input {@code i} as a tensor an engine layer computes. */
    OnnxValue.Feature feature(int i) {
        OnnxValue v = value(i);
        if (v instanceof OnnxValue.Feature f) {
            return f;
        }
        throw new Unsupported("input '" + inputName(i) + "' is " + describe(v) + ", not a tensor the engine computes");
    }

    /** Input {@code i} as a feature whose shape is known (the mapping depends on it). */
    Shape knownShape(int i) {
        Shape s = feature(i).shape();
        if (!s.isKnown()) {
            throw new BelowOpaque("the shape of input '" + inputName(i) + "' is unknown");
        }
        return s;
    }

    /** Input {@code i} as a constant (weights, bounds, axes); {@code what} names it in the message when it is not. */
    OnnxTensor constant(int i, String what) {
        OnnxValue v = value(i);
        if (v instanceof OnnxValue.Constant c) {
            return c.tensor();
        }
        throw new Unsupported(what + " '" + inputName(i) + "' is " + describe(v) + ", not a constant");
    }

    /** Input {@code i} as a constant, or null when the input is not given. */
    OnnxTensor optionalConstant(int i, String what) {
        return has(i) ? constant(i, what) : null;
    }

    /** Integers of a constant input (shape, axes, bounds); null when the input is not given. */
    long[] integersInput(int i, String what) {
        OnnxTensor t = optionalConstant(i, what);
        if (t == null) {
            return null;
        }
        long[] v = t.integers(ConstantFolding.MAX_ELEMENTS);
        if (v == null) {
            throw new Unsupported(what + " '" + inputName(i) + "' has no integer values the importer can read");
        }
        return v;
    }

    long integer(String name, long absent) {
        OnnxProtos.Attribute a = node.attribute(name);
        return a == null ? absent : a.i();
    }

    /** An int attribute that must fit an int (a kernel size, a group count). */
    int smallInteger(String name, long absent) {
        return toInt(integer(name, absent), name);
    }

    /** An ints attribute, or null when absent. */
    long[] integers(String name) {
        OnnxProtos.Attribute a = node.attribute(name);
        return a == null ? null : a.ints().stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * A float attribute as the decimal its writer meant: ONNX stores float32, so 1e-5 arrives as 9.99999974e-6; the
     * shortest decimal that reads back as the same float gives 1e-5 again.
     */
    double decimal(String name, double absent) {
        OnnxProtos.Attribute a = node.attribute(name);
        return a == null ? absent : Double.parseDouble(Float.toString(a.f()));
    }

    String text(String name, String absent) {
        OnnxProtos.Attribute a = node.attribute(name);
        return a == null ? absent : a.s();
    }

    /** Axes from an attribute (before {@code inputFromOpset}) or from input {@code input} (from it on). */
    long[] axes(int input, long inputFromOpset) {
        return opset >= inputFromOpset ? integersInput(input, "axes") : integers("axes");
    }

    static int toInt(long value, String what) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " " + value + " is out of range");
        }
        return (int) value;
    }

    /** An axis counted from the end (negative) made positive for a tensor of this rank. */
    static long normalizedAxis(long axis, int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    private String inputName(int i) {
        return has(i) ? node.inputs().get(i) : "#" + i;
    }

    private static String describe(OnnxValue v) {
        if (v instanceof OnnxValue.Feature f) {
            return "computed by layer '" + f.layer() + "'";
        }
        if (v instanceof OnnxValue.Constant) {
            return "a constant";
        }
        if (v instanceof OnnxValue.GroupedChannels g) {
            return "a 5-D view of '" + g.source().layer() + "' (the middle of a channel shuffle)";
        }
        return v instanceof OnnxValue.Unrepresentable u ? u.why() : "missing";
    }
}
