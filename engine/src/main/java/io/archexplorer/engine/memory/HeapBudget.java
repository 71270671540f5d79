package io.archexplorer.engine.memory;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Shape;
import java.util.Locale;

/**
 * Checks before allocating that a net's figures fit in the heap, so a net too large for memory is refused with the
 * figures instead of failing with an OutOfMemoryError halfway. Generating weights checks their bytes alone;
 * compiling a net checks its weights, peak activations and kernel scratch together.
 */
public final class HeapBudget {
    /** Keep this share of the free heap for everything else (the window, the JIT, the garbage collector). */
    private static final double USABLE_SHARE = 0.85;

    private HeapBudget() {
    }

    /**
     * @throws InsufficientMemoryException when a layer's output exceeds one Java array or the bytes together exceed
     *     the usable share of the free heap
     */
    public static void check(Net net, long weightBytes, long activationBytes, long scratchBytes) {
        for (int i = 0; i < net.size(); i++) {
            Shape s = net.outputShape(i);
            if (s.elements() > Integer.MAX_VALUE - 8) {
                throw new InsufficientMemoryException(net.name() + ": layer '" + net.layer(i).name() + "' output "
                        + s + " has more than 2^31 elements, more than one Java array holds");
            }
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        long usable = (long) (free * USABLE_SHARE);
        long total = weightBytes + activationBytes + scratchBytes;
        if (total > usable) {
            throw new InsufficientMemoryException(String.format(Locale.ROOT,
                    "%s needs %s (weights %s + peak activations %s + kernel scratch %s) but only %s of the heap is "
                            + "usable; lower the batch, the resolution or the widths, or give Java more memory (-Xmx)",
                    net.name(), mib(total), mib(weightBytes), mib(activationBytes), mib(scratchBytes), mib(usable)));
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
