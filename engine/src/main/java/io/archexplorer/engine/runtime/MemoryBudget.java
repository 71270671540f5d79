package io.archexplorer.engine.runtime;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.runtime.kernels.Conv2d;
import io.archexplorer.engine.runtime.kernels.ConvGeometry;
import io.archexplorer.engine.runtime.kernels.DepthwiseConv2d;
import io.archexplorer.engine.runtime.kernels.Sgemm;
import java.util.function.ToLongFunction;

/**
 * The bytes compiling a net takes beyond its weights and activation arena: weight copies for folding, weights packed
 * for the GEMM, and the kernels' per-thread scratch; {@link io.archexplorer.engine.memory.HeapBudget} checks them
 * against the heap before anything is allocated.
 */
final class MemoryBudget {
    private MemoryBudget() {
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
        return 4 * packedConvolutionFloats(net, g -> g.groups() * Sgemm.packedFloats(g.outChannelsPerGroup(),
                g.filterSize()));
    }

    /** Bytes of the generated convolution weights that packing copies: garbage once the net is compiled. */
    static long packedSourceBytes(Net net) {
        return 4 * packedConvolutionFloats(net, g -> (long) g.groups() * g.outChannelsPerGroup() * g.filterSize());
    }

    /** A count summed over the convolutions whose weights are packed (all but depthwise ones). */
    private static long packedConvolutionFloats(Net net, ToLongFunction<ConvGeometry> floats) {
        long sum = 0;
        for (int i = 0; i < net.size(); i++) {
            if (net.layer(i).op() instanceof Conv c) {
                ConvGeometry g = StepBuilder.geometry(c, net.inputShapes(i).get(0));
                if (!g.isDepthwise()) {
                    sum += floats.applyAsLong(g);
                }
            }
        }
        return sum;
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
                ConvGeometry g = StepBuilder.geometry(c, net.inputShapes(i).get(0));
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
}
