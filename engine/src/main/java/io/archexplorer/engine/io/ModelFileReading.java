package io.archexplorer.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opening model files the same way for every format: a size limit read before the bytes are (so {@code /dev/zero}
 * or an endless pipe is refused, not read until memory runs out), UTF-8 decoding that names the first bad byte's
 * line and column, and the reason a file cannot be read in words ("is a directory", "permission denied").
 */
public final class ModelFileReading {
    /** The largest text model file (prototxt, JSON) read: a thousand times the largest net definition we know. */
    public static final int MAX_TEXT_BYTES = 64 << 20;

    private ModelFileReading() {
    }

    /** The file's text, decoded as UTF-8; {@code what} names the format in the size message. */
    public static String readText(Path file, String what) throws ModelFileException {
        refuseDirectory(file);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_TEXT_BYTES + 1);
        } catch (IOException e) {
            throw cannotRead(file, e);
        }
        if (bytes.length > MAX_TEXT_BYTES) {
            throw new ModelFileException(file + ": larger than " + (MAX_TEXT_BYTES >> 20) + " MiB, the limit for a "
                    + what + " (is it a model file?)");
        }
        return decodeUtf8(file.toString(), bytes);
    }

    /** Decodes UTF-8 strictly; a byte that is not UTF-8 is reported at its line and column. */
    public static String decodeUtf8(String source, byte[] bytes) throws ModelFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            out.flip();
            String before = out.toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw new ModelFileException(source + ":" + line + ":" + column + ": byte 0x"
                    + String.format(Locale.ROOT, "%02X", bytes[offset] & 0xff) + " (offset " + offset
                    + ") is not UTF-8; model files are UTF-8 text");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /** Refuses a directory by name before opening it (opening one fails with a confusing "No such device"). */
    public static void refuseDirectory(Path file) throws ModelFileException {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file + ": is a directory, not a model file");
        }
    }

    /** Why a file could not be opened or read, in words. */
    public static ModelFileException cannotRead(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ModelFileException(file + ": no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new ModelFileException(file + ": permission denied");
        }
        if (Files.isDirectory(file)) {
            return new ModelFileException(file + ": is a directory, not a model file");
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() == null || e.getMessage().contains(file.toString()) ? "input/output error"
                : e.getMessage();
        return new ModelFileException(file + ": cannot read: " + reason, e);
    }
}
