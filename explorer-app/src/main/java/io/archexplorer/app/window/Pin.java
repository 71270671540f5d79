package io.archexplorer.app.window;

/**
 * A variant kept for comparison: what it was and its figures at the moment it was pinned.
 *
 * @param label e.g. {@code resnext50_32x4d}
 * @param knobs the knob summary, e.g. {@code depth=50, C=64, d=4, resolution=224}
 * @param threads the thread count its latency was measured with
 */
public record Pin(String label, String knobs, Figures figures, int threads, int batch) {
}
