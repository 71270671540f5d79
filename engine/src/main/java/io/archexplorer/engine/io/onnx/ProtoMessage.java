package io.archexplorer.engine.io.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One protocol-buffers message under construction, written in the protobuf wire format.
 *
 * <p>Why no protobuf library: the engine stays dependency-light (the JDK and Jackson only, a test enforces it), and an
 * ONNX model needs a handful of message types built with four encodings: varints (wire type 0), fixed32 floats (wire
 * type 5), and length-delimited strings, nested messages and packed arrays (wire type 2). Generated classes and a
 * runtime library would outweigh the whole exporter.
 *
 * <p>Fields are kept as a tree and serialized only by {@link #writeTo}, so the size prefix of every nested message is
 * computed without encoding it first and weight arrays are streamed straight from the caller's {@code float[]}:
 * a 500 MB model is never copied into intermediate buffers. Fields are written in the order they were added.
 */
final class ProtoMessage {
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_LENGTH_DELIMITED = 2;
    private static final int WIRE_FIXED32 = 5;
    private static final int FLOAT_CHUNK = 16_384;

    private final List<Field> fields = new ArrayList<>();
    private long cachedSize = -1;

    /** An int32, int64 or enum field. */
    ProtoMessage varint(int field, long value) {
        return add(new Varint(field, value));
    }

    /** A float field (fixed32, little-endian). */
    ProtoMessage fixed32Float(int field, float value) {
        return add(new Fixed32(field, Float.floatToRawIntBits(value)));
    }

    /** A string field (UTF-8) or a bytes field holding text. */
    ProtoMessage string(int field, String value) {
        return add(new Bytes(field, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** A nested message field; the nested message must not change afterwards. */
    ProtoMessage message(int field, ProtoMessage value) {
        return add(new Nested(field, value));
    }

    /** A packed repeated int64 field (varints in one length-delimited record). */
    ProtoMessage packedInt64s(int field, long[] values) {
        return add(new PackedVarints(field, values.clone()));
    }

    /**
     * Little-endian float32s in one length-delimited record: the encoding of both a packed repeated float field and
     * a bytes field of raw float32 data (ONNX's {@code raw_data}). The array is referenced, not copied.
     */
    ProtoMessage littleEndianFloats(int field, float[] values) {
        return add(new Floats(field, values));
    }

    private ProtoMessage add(Field f) {
        fields.add(f);
        cachedSize = -1;
        return this;
    }

    /** Bytes of the serialized message, without any tag or length prefix of its own. */
    long serializedSize() {
        if (cachedSize < 0) {
            long size = 0;
            for (Field f : fields) {
                size += f.size();
            }
            cachedSize = size;
        }
        return cachedSize;
    }

    void writeTo(OutputStream out) throws IOException {
        for (Field f : fields) {
            f.writeTo(out);
        }
    }

    private static int tagSize(int field) {
        return varintSize((long) field << 3);
    }

    private static void writeTag(OutputStream out, int field, int wireType) throws IOException {
        writeVarint(out, ((long) field << 3) | wireType);
    }

    /** Negative values take 10 bytes: protobuf sign-extends int32 and int64 to 64 bits. */
    private static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    private static void writeVarint(OutputStream out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** Size of a length-delimited field: tag, length varint, payload. */
    private static long delimitedSize(int field, long payload) {
        return tagSize(field) + varintSize(payload) + payload;
    }

    private static void writeDelimitedHeader(OutputStream out, int field, long payload) throws IOException {
        writeTag(out, field, WIRE_LENGTH_DELIMITED);
        writeVarint(out, payload);
    }

    private sealed interface Field permits Varint, Fixed32, Bytes, Nested, PackedVarints, Floats {
        long size();

        void writeTo(OutputStream out) throws IOException;
    }

    private record Varint(int field, long value) implements Field {
        @Override
        public long size() {
            return tagSize(field) + varintSize(value);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            writeTag(out, field, WIRE_VARINT);
            writeVarint(out, value);
        }
    }

    private record Fixed32(int field, int bits) implements Field {
        @Override
        public long size() {
            return tagSize(field) + 4;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            writeTag(out, field, WIRE_FIXED32);
            for (int shift = 0; shift < 32; shift += 8) {
                out.write(bits >>> shift);
            }
        }
    }

    private record Bytes(int field, byte[] value) implements Field {
        @Override
        public long size() {
            return delimitedSize(field, value.length);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            writeDelimitedHeader(out, field, value.length);
            out.write(value);
        }
    }

    private record Nested(int field, ProtoMessage value) implements Field {
        @Override
        public long size() {
            return delimitedSize(field, value.serializedSize());
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            writeDelimitedHeader(out, field, value.serializedSize());
            value.writeTo(out);
        }
    }

    private record PackedVarints(int field, long[] values) implements Field {
        private long payload() {
            long size = 0;
            for (long v : values) {
                size += varintSize(v);
            }
            return size;
        }

        @Override
        public long size() {
            return delimitedSize(field, payload());
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            writeDelimitedHeader(out, field, payload());
            for (long v : values) {
                writeVarint(out, v);
            }
        }
    }

    private record Floats(int field, float[] values) implements Field {
        @Override
        public long size() {
            return delimitedSize(field, 4L * values.length);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            writeDelimitedHeader(out, field, 4L * values.length);
            ByteBuffer chunk = ByteBuffer.allocate(4 * Math.min(values.length, FLOAT_CHUNK))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < values.length; start += FLOAT_CHUNK) {
                int end = Math.min(values.length, start + FLOAT_CHUNK);
                chunk.clear();
                chunk.asFloatBuffer().put(values, start, end - start);
                out.write(chunk.array(), 0, 4 * (end - start));
            }
        }
    }
}
