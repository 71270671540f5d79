package io.archexplorer.engine.io.onnx;

import io.archexplorer.engine.io.ModelFileException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Reads the fields of one protocol-buffers message from the wire format, in file order.
 *
 * <p>Why no protobuf library: this is the reading half of {@link ProtoMessage}'s reasoning. ONNX is one small format
 * (a handful of message types, five encodings: varints, fixed32, fixed64, length-delimited records and packed
 * repeated fields), and the engine keeps no dependency beyond the JDK and Jackson.
 *
 * <p>The input is untrusted: every length is checked against the bytes that remain in the enclosing message before
 * anything is read or allocated, a varint longer than ten bytes and the obsolete group wire types are refused, and
 * nested messages are read by the caller one level at a time (the reader itself never recurses). A problem is a
 * {@link ModelFileException} naming the source and the byte offset where the reader expected something else.
 * Offsets are absolute in the file; the buffer is shared, never copied.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;
    private static final int MAX_VARINT_BYTES = 10;

    private final String source;
    private final ByteBuffer bytes;
    private final int end;
    private int position;
    private int fieldStart;
    private int wireType = -1;

    /** A reader of the whole buffer (a file's bytes, position 0 to limit). */
    ProtoReader(String source, ByteBuffer bytes) {
        this(source, bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN), 0, bytes.limit());
    }

    private ProtoReader(String source, ByteBuffer bytes, int start, int end) {
        this.source = source;
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    boolean hasNext() {
        return position < end;
    }

    /** Reads the next field's tag and returns its field number; {@link #wireType()} tells how its value is encoded. */
    int nextField() throws ModelFileException {
        fieldStart = position;
        long tag = varint();
        long field = tag >>> 3;
        wireType = (int) (tag & 7);
        if (field == 0 || field > Integer.MAX_VALUE) {
            throw problem(fieldStart, "expected a field tag, got field number " + field);
        }
        if (wireType != VARINT && wireType != FIXED64 && wireType != LENGTH_DELIMITED && wireType != FIXED32) {
            throw problem(fieldStart, "expected a field tag, got wire type " + wireType + " (field " + field + ")");
        }
        return (int) field;
    }

    int wireType() {
        return wireType;
    }

    /** Offset of the current field's tag, for messages about its value. */
    int fieldOffset() {
        return fieldStart;
    }

    /** A varint (int32, int64, enum, bool); int32 values are sign-extended to ten bytes by writers, as int64. */
    long varint() throws ModelFileException {
        long value = 0;
        int start = position;
        for (int k = 0; k < MAX_VARINT_BYTES; k++) {
            if (position >= end) {
                throw problem(start, "expected a varint, the data ends");
            }
            byte b = bytes.get(position++);
            value |= (long) (b & 0x7F) << (7 * k);
            if (b >= 0) {
                return value;
            }
        }
        throw problem(start, "expected a varint, got more than " + MAX_VARINT_BYTES + " bytes");
    }

    int fixed32() throws ModelFileException {
        require(4, "a fixed32 value");
        int v = bytes.getInt(position);
        position += 4;
        return v;
    }

    /** The reader of a length-delimited field's payload (a nested message); this reader moves past it. */
    ProtoReader message() throws ModelFileException {
        int length = length();
        ProtoReader nested = new ProtoReader(source, bytes, position, position + length);
        position += length;
        return nested;
    }

    /** A length-delimited payload as a view of the file's bytes (little-endian), not a copy. */
    ByteBuffer payload() throws ModelFileException {
        int length = length();
        ByteBuffer view = bytes.slice(position, length).order(ByteOrder.LITTLE_ENDIAN);
        position += length;
        return view;
    }

    String string() throws ModelFileException {
        int length = length();
        byte[] text = new byte[length];
        bytes.get(position, text);
        position += length;
        return new String(text, StandardCharsets.UTF_8);
    }

    /** A repeated int64/int32 field, packed (one length-delimited record) or not (this one value). */
    void integers(LongConsumer into) throws ModelFileException {
        if (wireType == VARINT) {
            into.accept(varint());
            return;
        }
        expect(LENGTH_DELIMITED, "packed varints");
        ProtoReader packed = message();
        while (packed.hasNext()) {
            into.accept(packed.varint());
        }
    }

    /** Skips the current field's value, whatever its wire type. */
    void skip() throws ModelFileException {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> {
                require(8, "a fixed64 value");
                position += 8;
            }
            case FIXED32 -> fixed32();
            default -> {
                int length = length(); // read before adding: it moves the position past the length itself
                position += length;
            }
        }
    }

    /** Fails unless the current field has the wire type its schema gives it. */
    void expect(int expectedWireType, String what) throws ModelFileException {
        if (wireType != expectedWireType) {
            throw problem(fieldStart, "expected " + what + " (wire type " + expectedWireType + "), got wire type "
                    + wireType);
        }
    }

    ModelFileException problem(int offset, String message) {
        return new ModelFileException(source + ": byte " + offset + ": " + message);
    }

    private int length() throws ModelFileException {
        int at = position;
        long length = varint();
        if (length < 0 || length > end - position) {
            throw problem(at, "expected a length within the " + (end - position) + " bytes left, got " + length);
        }
        return (int) length;
    }

    private void require(int count, String what) throws ModelFileException {
        if (end - position < count) {
            throw problem(position, "expected " + what + ", the data ends");
        }
    }
}
