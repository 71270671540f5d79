package io.archexplorer.engine.runtime.kernels;

/**
 * Any 2-D convolution (kernel size, stride, padding, dilation, groups) as one {@link Sgemm} per image and group:
 * {@code output[outChannelsPerGroup][outPlane] = weights[outChannelsPerGroup][filterSize] · columns}, where the
 * columns are the input planes themselves for a pointwise (1×1, stride 1, no padding) convolution and the
 * {@link Im2col} expansion otherwise. The {@link Epilogue} (bias per output channel, activation) is fused into
 * the GEMM's tile stores. For depthwise convolutions {@link DepthwiseConv2d} is much faster.
 *
 * <p>Threading: with at least as many (image, group) products as threads, and an even share for each, threads
 * take whole products; otherwise each product is split inside the GEMM (and the im2col) across all threads.
 */
public final class Conv2d {

    private static final ThreadLocal<float[]> COLUMNS = ThreadLocal.withInitial(() -> new float[0]);

    private Conv2d() {
    }

    public static void forward(ConvGeometry g, float[] input, int inputOffset, float[] weights, int weightOffset,
                               Epilogue epilogue, float[] output, int outputOffset, Parallelism parallelism) {
        checkLength("input", input, inputOffset, g.inputSize());
        checkLength("weights", weights, weightOffset, g.weightSize());
        checkLength("output", output, outputOffset, g.outputSize());
        int products = g.batch() * g.groups();
        int threads = parallelism.threads();
        if (threads > 1 && (products % threads == 0 || products >= 4 * threads)) {
            parallelism.run(threads, part -> {
                for (int p = products * part / threads; p < products * (part + 1) / threads; p++) {
                    forwardOne(g, p / g.groups(), p % g.groups(), input, inputOffset, weights, weightOffset,
                            epilogue, output, outputOffset, Parallelism.SINGLE_THREAD);
                }
            });
        } else {
            for (int p = 0; p < products; p++) {
                forwardOne(g, p / g.groups(), p % g.groups(), input, inputOffset, weights, weightOffset,
                        epilogue, output, outputOffset, parallelism);
            }
        }
    }

    private static void forwardOne(ConvGeometry g, int image, int group, float[] input, int inputOffset,
                                   float[] weights, int weightOffset, Epilogue epilogue,
                                   float[] output, int outputOffset, Parallelism parallelism) {
        int outChannels = g.outChannelsPerGroup();
        int filterSize = g.filterSize();
        int outPlane = g.outPlaneSize();
        int groupInput = inputOffset + (image * g.inChannels() + group * g.inChannelsPerGroup()) * g.inPlaneSize();
        int groupOutput = outputOffset + (image * g.outChannels() + group * outChannels) * outPlane;
        int groupWeights = weightOffset + group * outChannels * filterSize;
        float[] b;
        int bOffset;
        if (g.isPointwise()) {
            b = input;
            bOffset = groupInput;
        } else {
            b = columnsBuffer(filterSize * outPlane);
            bOffset = 0;
            int parts = Math.min(parallelism.threads(), filterSize);
            parallelism.run(parts, part -> Im2col.expand(g, input, groupInput, b,
                    filterSize * part / parts, filterSize * (part + 1) / parts));
        }
        Sgemm.multiply(outChannels, outPlane, filterSize,
                weights, groupWeights, filterSize,
                b, bOffset, outPlane,
                output, groupOutput, outPlane,
                false, epilogue.fromRow(group * outChannels), parallelism);
    }

    private static float[] columnsBuffer(int size) {
        float[] columns = COLUMNS.get();
        if (columns.length < size) {
            columns = new float[size];
            COLUMNS.set(columns);
        }
        return columns;
    }

    static void checkLength(String name, float[] data, int offset, int size) {
        if (offset < 0 || offset + (long) size > data.length) {
            throw new IllegalArgumentException(name + " needs " + size + " floats from offset " + offset
                    + " but has " + data.length);
        }
    }
}
