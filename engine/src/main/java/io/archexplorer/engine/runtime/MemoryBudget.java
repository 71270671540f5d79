package io.archexplorer.engine.runtime;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.ConvTranspose;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.runtime.kernels.Conv2d;
import io.archexplorer.engine.runtime.kernels.ConvGeometry;
import io.archexplorer.engine.runtime.kernels.DepthwiseConv2d;
import io.archexplorer.engine.runtime.kernels.Sgemm;
import java.util.Locale;

/**
 * Checks before allocating that a net's weights, peak activations and the kernels' per-thread scratch fit in the
 * heap, so a net too large for
 * memory is refused with the figures instead of failing with an OutOfMemoryError halfway.
 */
final class MemoryBudget {
    /** Keep this share of the free heap for everything else (the window, the JIT, the garbage collector). */
    private static final double USABLE_SHARE = 0.85;

    private MemoryBudget() {
    }

    /** Bytes of the float tensors {@link NetWeights#generate} makes for this net, batchnorm buffers included. */
    static long weightBytes(Net net) {
        long floats = 0;
        for (int i = 0; i < net.size(); i++) {
            Layer l = net.layer(i);
            if (hasWeights(l.op()) || l.op() instanceof Scale) {
                floats += l.op().params(net.inputShapes(i));
            } else if (l.op() instanceof BatchNorm) {
                floats += 4L * net.inputShapes(i).get(0).c();
            }
        }
        return 4 * floats;
    }

    /** Bytes of the weight copies that folding batchnorm into convolutions makes when the weights are not ours. */
    static long foldedCopyBytes(Net net, Fusion fusion) {
        long floats = 0;
        for (int i = 0; i < net.size(); i++) {
            if (net.layer(i).op() instanceof BatchNorm && fusion.computedBy[i] != i) {
                floats += net.layer(fusion.computedBy[i]).op().params(net.inputShapes(fusion.computedBy[i]));
            }
        }
        return 4 * floats;
    }

    /** Bytes of the convolution weights packed for the GEMM (a copy the compiled net keeps, see Sgemm.pack). */
    static long packedWeightBytes(Net net) {
        long floats = 0;
        for (int i = 0; i < net.size(); i++) {
            if (net.layer(i).op() instanceof Conv c) {
                ConvGeometry g = CompiledNet.geometry(c, net.inputShapes(i).get(0));
                if (!g.isDepthwise()) {
                    floats += g.groups() * Sgemm.packedFloats(g.outChannelsPerGroup(), g.filterSize());
                }
            }
        }
        return 4 * floats;
    }

    /**
     * Bytes of the scratch buffers the kernels keep per thread once they have run every layer (each buffer grows
     * to its largest use): the GEMM's packing buffer, and the largest padded input and sums of a convolution
     * and of a depthwise convolution.
     */
    static long scratchBytes(Net net, int threads) {
        long gemm = 0;
        long conv = 0;
        long depthwise = 0;
        for (int i = 0; i < net.size(); i++) {
            Op op = net.layer(i).op();
            if (op instanceof Conv c) {
                ConvGeometry g = CompiledNet.geometry(c, net.inputShapes(i).get(0));
                if (g.isDepthwise()) {
                    depthwise = Math.max(depthwise, DepthwiseConv2d.scratchFloats(g));
                } else {
                    conv = Math.max(conv, Conv2d.scratchFloats(g));
                    gemm = Math.max(gemm, Sgemm.scratchFloats(g.filterSize()));
                }
            } else if (op instanceof FullyConnected) {
                int in = Math.toIntExact(net.inputShapes(i).get(0).elementsPerImage());
                gemm = Math.max(gemm, Sgemm.scratchFloats(in));
            }
        }
        return 4L * threads * (gemm + conv + depthwise);
    }

    /** Refuses a net whose weights alone do not fit, or whose one layer needs more weights than an array holds. */
    static void checkWeights(Net net) {
        for (int i = 0; i < net.size(); i++) {
            Layer l = net.layer(i);
            if (hasWeights(l.op()) && l.op().params(net.inputShapes(i)) > Integer.MAX_VALUE - 8) {
                throw new InsufficientMemoryException(net.name() + ": layer '" + l.name() + "' has "
                        + l.op().params(net.inputShapes(i)) + " weights, more than one Java array holds (2^31)");
            }
        }
        check(net, weightBytes(net), 0, 0);
    }

    /** Ops whose weights are one array of (almost) all their params. */
    private static boolean hasWeights(Op op) {
        return op instanceof Conv || op instanceof ConvTranspose || op instanceof FullyConnected;
    }

    static void check(Net net, long weightBytes, long activationBytes, long scratchBytes) {
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

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
