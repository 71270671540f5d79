package io.archexplorer.engine.runtime.kernels;

/**
 * A per-thread float buffer that only grows, so kernels called again and again (once per layer per inference)
 * stop allocating after the first call; each thread gets its own, so kernels stay safe to call concurrently.
 * The contents are whatever the thread left there last time.
 */
final class ThreadScratch {

    private final ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[0]);

    /** This thread's buffer, at least {@code size} floats long. */
    float[] floats(int size) {
        float[] buffer = buffers.get();
        if (buffer.length < size) {
            buffer = new float[size];
            buffers.set(buffer);
        }
        return buffer;
    }
}
