package io.archexplorer.app.cli;

import io.archexplorer.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Tensors as raw little-endian float32 files (NumPy's {@code arr.astype('<f4').tofile(...)}). */
final class RawTensors {
    private RawTensors() {
    }

    static float[] read(Path file, long expectedElements, String shapeText) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage());
        }
        if (bytes.length != expectedElements * 4) {
            throw new UsageException(file + ": has " + bytes.length + " bytes, but the model's input " + shapeText
                    + " takes " + expectedElements + " float32 values = " + expectedElements * 4 + " bytes");
        }
        float[] values = new float[(int) expectedElements];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** Writes atomically: a temporary file in the same folder, moved into place. */
    static void write(Path file, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        try {
            AtomicFiles.write(file, out -> out.write(buffer.array()));
        } catch (IOException e) {
            throw UsageException.cannotWrite(file, e);
        }
    }
}
