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
        check(net, weightBytes, 0, activationBytes, scratchBytes);
    }

    /**
     * @param weightBytes the weights a run holds, as it reports them
     * @param copyBytes a second copy of weights that exists only while compiling (the generated weights the packed
     *     ones are made from), named apart so the refusal's weight figure is the run's
     * @throws InsufficientMemoryException when a layer's output exceeds one Java array or the bytes together exceed
     *     the usable share of the free heap
     */
    public static void check(Net net, long weightBytes, long copyBytes, long activationBytes, long scratchBytes) {
        for (int i = 0; i < net.size(); i++) {
            Shape s = net.outputShape(i);
            if (s.elements() > Integer.MAX_VALUE - 8) {
                throw new InsufficientMemoryException(net.name() + ": layer '" + net.layer(i).name() + "' output "
                        + s + " has more than 2^31 elements, more than one Java array holds");
            }
        }
        long total = weightBytes + copyBytes + activationBytes + scratchBytes;
        long usable = usableBytes();
        if (total > usable) {
            throw new InsufficientMemoryException(needs(net, weightBytes, copyBytes, activationBytes, scratchBytes)
                    + " but only " + mib(usable) + " of the heap is usable; " + ADVICE);
        }
    }

    /**
     * The refusal when the heap ran out although the check passed (the collector could not place every large array
     * in the free space it counted): the same figures, the same advice.
     */
    public static InsufficientMemoryException ranOut(Net net, long weightBytes, long copyBytes, long activationBytes,
                                                     long scratchBytes) {
        return new InsufficientMemoryException(needs(net, weightBytes, copyBytes, activationBytes, scratchBytes)
                + " and the heap ran out while allocating them; " + ADVICE);
    }

    private static final String ADVICE = "lower the batch, the resolution or the widths, or give Java more memory"
            + " (-Xmx)";

    private static String needs(Net net, long weightBytes, long copyBytes, long activationBytes, long scratchBytes) {
        // Only the parts there are: generating weights alone (export) has no activations or scratch to name.
        StringBuilder parts = new StringBuilder("weights ").append(mib(weightBytes));
        if (copyBytes > 0) {
            parts.append(" + their copy while compiling ").append(mib(copyBytes));
        }
        if (activationBytes > 0 || scratchBytes > 0) {
            parts.append(" + peak activations ").append(mib(activationBytes)).append(" + kernel scratch ")
                    .append(mib(scratchBytes));
        }
        return net.name() + " needs " + mib(weightBytes + copyBytes + activationBytes + scratchBytes) + " (" + parts
                + ")";
    }

    private static long usableBytes() {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return (long) (free * USABLE_SHARE);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
