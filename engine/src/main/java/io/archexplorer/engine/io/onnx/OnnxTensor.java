package io.archexplorer.engine.io.onnx;

import io.archexplorer.engine.io.ModelFileException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant tensor of an ONNX file (an initializer, a Constant node's value, or a value folded from them): its
 * dimensions, and its data as a view of the file's bytes, decoded only when asked for. Keeping views lets the analysis
 * read a 500 MB model without touching its weights.
 *
 * @param data the elements in their little-endian fixed-size encoding (raw_data, packed float_data, or values
 *     gathered from unpacked fields), or null
 * @param varints packed int32_data / int64_data (protobuf varints), or null
 * @param external true when the values live in a separate file (data_location EXTERNAL), which is not read
 */
record OnnxTensor(String name, long[] dims, int dataType, ByteBuffer data, ByteBuffer varints, boolean external) {
    // TensorProto.DataType
    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;

    /** The elements count, or -1 when the dims multiply past a long (only a damaged file has such). */
    long elements() {
        long n = 1;
        for (long d : dims) {
            if (d < 0 || (d > 0 && n > Long.MAX_VALUE / d)) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    boolean isInteger() {
        return dataType == INT64 || dataType == INT32;
    }

    /** An int64 tensor made by folding integer arithmetic. */
    static OnnxTensor ofIntegers(String name, long[] dims, long[] values) {
        ByteBuffer data = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        return new OnnxTensor(name, dims.clone(), INT64, data, null, false);
    }

    /** A float tensor of a Constant node's value_float(s) attribute. */
    static OnnxTensor ofFloats(String name, long[] dims, float[] values) {
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        return new OnnxTensor(name, dims.clone(), FLOAT, data, null, false);
    }

    /**
     * The float32 values, checked to be {@code expected} of them (the count the layer using them needs).
     *
     * @throws ModelFileException when the tensor is not float32, holds another count, or its data is missing
     */
    float[] floats(long expected, String source) throws ModelFileException {
        if (dataType != FLOAT) {
            throw problem(source, "has data type " + dataType + "; weights must be float32 (type " + FLOAT + ")");
        }
        requireCount(expected, source);
        if (data == null || data.remaining() != 4 * expected) {
            throw problem(source, "holds " + (data == null ? 0 : data.remaining() / 4) + " float32 values for its "
                    + expected + " elements" + (external ? " (its data is in an external file, not read)" : ""));
        }
        float[] values = new float[(int) expected];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /**
     * The values of an int32/int64 tensor (shapes, axes, slice bounds); null when the tensor holds more than
     * {@code limit} elements, is of another type, or its data is missing or inconsistent.
     */
    long[] integers(int limit) {
        long count = elements();
        if (!isInteger() || count < 0 || count > limit) {
            return null;
        }
        int n = (int) count;
        if (varints != null) {
            return decodeVarints(n);
        }
        int width = dataType == INT64 ? 8 : 4;
        if (data == null || data.remaining() != (long) width * n) {
            return null;
        }
        ByteBuffer le = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long[] values = new long[n];
        for (int k = 0; k < n; k++) {
            values[k] = dataType == INT64 ? le.getLong(k * 8) : le.getInt(k * 4);
        }
        return values;
    }

    /** Float values of a small constant (Clip bounds, a per-channel factor), or null when not available. */
    float[] smallFloats(int limit) {
        long count = elements();
        if (dataType != FLOAT || count < 0 || count > limit || data == null || data.remaining() != 4 * count) {
            return null;
        }
        float[] values = new float[(int) count];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private long[] decodeVarints(int n) {
        long[] values = new long[n];
        ByteBuffer in = varints.duplicate();
        int k = 0;
        while (in.hasRemaining()) {
            long value = 0;
            int shift = 0;
            byte b;
            do {
                if (!in.hasRemaining() || shift > 63) {
                    return null;
                }
                b = in.get();
                value |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            if (k == n) {
                return null;
            }
            values[k++] = dataType == INT32 ? (int) value : value;
        }
        return k == n ? values : null;
    }

    private void requireCount(long expected, String source) throws ModelFileException {
        if (elements() != expected) {
            throw problem(source, "has shape " + Arrays.toString(dims) + " where " + expected + " elements are needed");
        }
    }

    private ModelFileException problem(String source, String message) {
        return new ModelFileException(source + ": tensor '" + name + "' " + message);
    }
}
