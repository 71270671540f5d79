package io.archexplorer.engine.io.onnx;

import io.archexplorer.engine.graph.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates the integer shape arithmetic exporters write around Reshape, Slice and Split: PyTorch spells
 * {@code x.view(x.size(0), -1)} as Shape → Gather → Unsqueeze → Concat → Reshape, and {@code chunk} with Div / Mul /
 * Add on shapes. At batch 1 and with every feature map's shape known, those values are constants, so the nodes
 * computing them become no layer at all and the Reshape reads a constant target.
 *
 * <p>Only small integer tensors (at most {@value #MAX_ELEMENTS} elements) are folded; anything else returns null and
 * the importer treats the value as one it cannot represent.
 */
final class ConstantFolding {
    static final int MAX_ELEMENTS = 1 << 16;

    private ConstantFolding() {
    }

    /** Whether {@link #fold} knows the operator. */
    static boolean folds(String opType) {
        return switch (opType) {
            case "Constant", "Shape", "Gather", "Unsqueeze", "Squeeze", "Concat", "Cast", "Identity", "Slice",
                 "Reshape", "Add", "Sub", "Mul", "Div" -> true;
            default -> false;
        };
    }

    /**
     * The node's first output, or null when it cannot be folded.
     *
     * @param inputs the node's inputs as constants (null where absent or not constant)
     * @param shapeOfInput the shape of the Shape node's input (its other inputs are constants)
     */
    static OnnxTensor fold(OnnxProtos.Node node, List<OnnxTensor> inputs, Shape shapeOfInput, long opset) {
        String name = node.outputs().isEmpty() ? node.name() : node.outputs().get(0);
        if (node.opType().equals("Constant")) {
            return constant(node, name);
        }
        if (node.opType().equals("Shape")) {
            return shape(node, name, shapeOfInput);
        }
        if (node.opType().equals("Identity")) {
            // PyTorch shares one initializer between equal weights through Identity nodes: any type passes.
            return inputs.isEmpty() ? null : inputs.get(0);
        }
        List<Ints> values = new ArrayList<>();
        for (OnnxTensor t : inputs) {
            Ints v = t == null ? null : Ints.of(t);
            values.add(v);
        }
        if (values.isEmpty() || values.get(0) == null) {
            return null;
        }
        Ints result = switch (node.opType()) {
            case "Cast" -> values.get(0);
            case "Gather" -> gather(values, (int) attribute(node, "axis", 0));
            case "Unsqueeze" -> unsqueeze(values.get(0), axes(node, values, opset >= 13));
            case "Squeeze" -> squeeze(values.get(0), axes(node, values, opset >= 13));
            case "Concat" -> concat(values);
            case "Slice" -> slice(node, values, opset >= 10);
            case "Reshape" -> reshape(values);
            case "Add", "Sub", "Mul", "Div" -> arithmetic(node.opType(), values);
            default -> null;
        };
        return result == null || result.values.length > MAX_ELEMENTS ? null
                : OnnxTensor.ofIntegers(name, result.dims, result.values);
    }

    /** Integer values with their dimensions. */
    private record Ints(long[] dims, long[] values) {
        static Ints of(OnnxTensor t) {
            if (!t.isInteger()) {
                return null;
            }
            long[] values = t.integers(MAX_ELEMENTS);
            return values == null ? null : new Ints(t.dims(), values);
        }

        int rank() {
            return dims.length;
        }
    }

    /** value (a tensor), value_int, value_ints, value_float, value_floats. */
    private static OnnxTensor constant(OnnxProtos.Node node, String name) {
        for (OnnxProtos.Attribute a : node.attributes()) {
            switch (a.name()) {
                case "value" -> {
                    return a.t() == null ? null : new OnnxTensor(name, a.t().dims(), a.t().dataType(), a.t().data(),
                            a.t().varints(), a.t().external());
                }
                case "value_int" -> {
                    return OnnxTensor.ofIntegers(name, new long[0], new long[] {a.i()});
                }
                case "value_ints" -> {
                    return OnnxTensor.ofIntegers(name, new long[] {a.ints().size()},
                            a.ints().stream().mapToLong(Long::longValue).toArray());
                }
                case "value_float" -> {
                    return OnnxTensor.ofFloats(name, new long[0], new float[] {a.f()});
                }
                case "value_floats" -> {
                    float[] v = new float[a.floats().size()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = a.floats().get(k);
                    }
                    return OnnxTensor.ofFloats(name, new long[] {v.length}, v);
                }
                default -> {
                }
            }
        }
        return null;
    }

    /** The dims of a known shape; opset 15's start and end attributes select a part of them. */
    private static OnnxTensor shape(OnnxProtos.Node node, String name, Shape shape) {
        if (shape == null || !shape.isKnown()) {
            return null;
        }
        long[] dims = Arrays.stream(shape.dims()).asLongStream().toArray();
        int start = (int) clampIndex(attribute(node, "start", 0), dims.length);
        int end = (int) clampIndex(attribute(node, "end", dims.length), dims.length);
        long[] part = Arrays.copyOfRange(dims, start, Math.max(start, end));
        return OnnxTensor.ofIntegers(name, new long[] {part.length}, part);
    }

    /** Gather along axis 0 of a 1-D tensor (what shape arithmetic does): indices may be a scalar or a vector. */
    private static Ints gather(List<Ints> values, int axis) {
        Ints data = values.get(0);
        Ints indices = values.size() > 1 ? values.get(1) : null;
        if (indices == null || data.rank() != 1 || (axis != 0 && axis != -1) || indices.rank() > 1) {
            return null;
        }
        long[] out = new long[indices.values.length];
        for (int k = 0; k < out.length; k++) {
            long i = indices.values[k];
            long index = i < 0 ? i + data.values.length : i;
            if (index < 0 || index >= data.values.length) {
                return null;
            }
            out[k] = data.values[(int) index];
        }
        return new Ints(indices.dims, out);
    }

    /** Axes from the attribute (before opset 13) or the second input (from 13). */
    private static long[] axes(OnnxProtos.Node node, List<Ints> values, boolean fromInput) {
        if (fromInput) {
            return values.size() > 1 && values.get(1) != null ? values.get(1).values : null;
        }
        OnnxProtos.Attribute a = node.attribute("axes");
        return a == null ? null : a.ints().stream().mapToLong(Long::longValue).toArray();
    }

    private static Ints unsqueeze(Ints data, long[] axes) {
        if (axes == null) {
            return null;
        }
        int rank = data.rank() + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long axis : axes) {
            long a = axis < 0 ? axis + rank : axis;
            if (a < 0 || a >= rank || inserted[(int) a]) {
                return null;
            }
            inserted[(int) a] = true;
        }
        long[] dims = new long[rank];
        for (int d = 0, source = 0; d < rank; d++) {
            dims[d] = inserted[d] ? 1 : data.dims[source++];
        }
        return new Ints(dims, data.values);
    }

    private static Ints squeeze(Ints data, long[] axes) {
        List<Long> dims = new ArrayList<>();
        for (int d = 0; d < data.rank(); d++) {
            boolean listed = axes == null ? data.dims[d] == 1 : contains(axes, d, data.rank());
            if (listed && data.dims[d] != 1) {
                return null;
            }
            if (!listed) {
                dims.add(data.dims[d]);
            }
        }
        return new Ints(dims.stream().mapToLong(Long::longValue).toArray(), data.values);
    }

    private static boolean contains(long[] axes, int axis, int rank) {
        return Arrays.stream(axes).anyMatch(a -> (a < 0 ? a + rank : a) == axis);
    }

    /** Concatenation of 1-D tensors (or scalars) along axis 0. */
    private static Ints concat(List<Ints> values) {
        long[] out = new long[0];
        for (Ints v : values) {
            if (v == null || v.rank() > 1) {
                return null;
            }
            long[] joined = Arrays.copyOf(out, out.length + v.values.length);
            System.arraycopy(v.values, 0, joined, out.length, v.values.length);
            out = joined;
        }
        return new Ints(new long[] {out.length}, out);
    }

    /** Slice of a 1-D tensor with step 1: bounds from attributes (before opset 10) or inputs. */
    private static Ints slice(OnnxProtos.Node node, List<Ints> values, boolean fromInputs) {
        Ints data = values.get(0);
        long[] starts = fromInputs ? input(values, 1) : ints(node, "starts");
        long[] ends = fromInputs ? input(values, 2) : ints(node, "ends");
        long[] steps = fromInputs ? input(values, 4) : null;
        if (data.rank() != 1 || starts == null || ends == null || starts.length != 1 || ends.length != 1
                || (steps != null && (steps.length != 1 || steps[0] != 1))) {
            return null;
        }
        int n = data.values.length;
        int from = (int) clampIndex(starts[0], n);
        int to = (int) clampIndex(ends[0], n);
        long[] part = Arrays.copyOfRange(data.values, from, Math.max(from, to));
        return new Ints(new long[] {part.length}, part);
    }

    private static Ints reshape(List<Ints> values) {
        Ints data = values.get(0);
        long[] target = input(values, 1);
        if (target == null) {
            return null;
        }
        long known = 1;
        int inferred = -1;
        long[] dims = target.clone();
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == 0 && d < data.rank()) {
                dims[d] = data.dims[d];
            }
            if (dims[d] == -1 && inferred < 0) {
                inferred = d;
            } else if (dims[d] <= 0 || dims[d] > MAX_ELEMENTS) {
                return null;
            } else {
                known *= dims[d];
            }
        }
        if (inferred >= 0) {
            dims[inferred] = known == 0 ? 0 : data.values.length / known;
            known *= dims[inferred];
        }
        return known == data.values.length ? new Ints(dims, data.values) : null;
    }

    /** Element-wise integer arithmetic, one operand possibly a single value; Div truncates as ONNX's does. */
    private static Ints arithmetic(String op, List<Ints> values) {
        if (values.size() != 2 || values.get(1) == null) {
            return null;
        }
        Ints a = values.get(0);
        Ints b = values.get(1);
        int n = Math.max(a.values.length, b.values.length);
        if ((a.values.length != n && a.values.length != 1) || (b.values.length != n && b.values.length != 1)) {
            return null;
        }
        long[] out = new long[n];
        for (int k = 0; k < n; k++) {
            long x = a.values[a.values.length == 1 ? 0 : k];
            long y = b.values[b.values.length == 1 ? 0 : k];
            if (op.equals("Div") && y == 0) {
                return null;
            }
            out[k] = switch (op) {
                case "Add" -> x + y;
                case "Sub" -> x - y;
                case "Mul" -> x * y;
                default -> x / y;
            };
        }
        return new Ints(a.values.length == n ? a.dims : b.dims, out);
    }

    private static long[] input(List<Ints> values, int index) {
        return index < values.size() && values.get(index) != null ? values.get(index).values : null;
    }

    private static long[] ints(OnnxProtos.Node node, String name) {
        OnnxProtos.Attribute a = node.attribute(name);
        return a == null ? null : a.ints().stream().mapToLong(Long::longValue).toArray();
    }

    private static long attribute(OnnxProtos.Node node, String name, long absent) {
        OnnxProtos.Attribute a = node.attribute(name);
        return a == null ? absent : a.i();
    }

    /** A Python-style index (negative counts from the end) clamped to [0, n]. */
    static long clampIndex(long index, long n) {
        long i = index < 0 ? index + n : index;
        return Math.max(0, Math.min(n, i));
    }
}
