package io.archexplorer.engine.runtime.kernels;

import static io.archexplorer.engine.runtime.kernels.KernelAssertions.threads;
import static io.archexplorer.engine.runtime.kernels.KernelAssertions.abs;
import static io.archexplorer.engine.runtime.kernels.KernelAssertions.assertClose;
import static io.archexplorer.engine.runtime.kernels.KernelAssertions.checkConvolution;
import static io.archexplorer.engine.runtime.kernels.KernelAssertions.random;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Conv2dTest {

    /** Shapes covering kernel sizes, strides, paddings, dilations, groups and batch sizes, with odd extents. */
    static Stream<ConvGeometry> geometries() {
        return Stream.of(
                ConvGeometry.of(1, 16, 9, 11, 24, 1, 1, 0, 1, 1),     // pointwise: GEMM on the input directly
                ConvGeometry.of(3, 8, 7, 7, 5, 1, 1, 0, 1, 1),        // pointwise, batch 3
                ConvGeometry.of(1, 8, 10, 9, 16, 1, 2, 0, 1, 1),      // 1×1 stride 2 (ResNet downsample)
                ConvGeometry.of(1, 4, 12, 13, 6, 1, 1, 1, 1, 1),      // 1×1 with padding
                ConvGeometry.of(1, 3, 23, 21, 8, 7, 2, 3, 1, 1),      // ResNet stem shape
                ConvGeometry.of(1, 3, 70, 70, 4, 7, 1, 3, 1, 1),      // several slices
                ConvGeometry.of(1, 16, 70, 70, 8, 3, 2, 1, 1, 1),     // strided, two slices
                ConvGeometry.of(1, 4, 20, 20, 6, 3, 3, 1, 1, 1),      // stride 3: nine phases
                ConvGeometry.of(1, 5, 30, 37, 6, 3, 2, 2, 2, 1),      // stride 2, dilation 2
                ConvGeometry.of(1, 3, 67, 67, 8, 11, 4, 2, 1, 1),     // AlexNet stem: 11×11 stride 4
                ConvGeometry.of(3, 5, 9, 8, 7, 3, 1, 1, 1, 1),
                ConvGeometry.of(1, 6, 15, 14, 9, 3, 2, 1, 1, 1),
                ConvGeometry.of(1, 4, 9, 9, 3, 3, 1, 0, 1, 1),
                ConvGeometry.of(1, 4, 11, 10, 5, 3, 1, 2, 2, 1),      // dilation 2
                ConvGeometry.of(1, 3, 12, 12, 4, 5, 1, 2, 1, 1),
                ConvGeometry.of(2, 3, 13, 11, 4, 5, 2, 2, 1, 1),
                ConvGeometry.of(1, 8, 16, 16, 8, 3, 1, 1, 1, 2),      // groups 2
                ConvGeometry.of(1, 8, 9, 7, 12, 3, 2, 1, 1, 4),       // groups 4
                ConvGeometry.of(3, 64, 6, 6, 64, 3, 1, 1, 1, 32),     // groups 32 (ResNeXt), batch 3
                ConvGeometry.of(1, 12, 10, 10, 12, 3, 2, 1, 1, 12),   // depthwise through the GEMM path
                ConvGeometry.of(1, 6, 8, 8, 10, 1, 1, 0, 1, 2),       // grouped pointwise
                new ConvGeometry(1, 5, 11, 12, 6, 1, 7, 1, 1, 0, 3, 0, 3, 1, 1, 1),   // 1×7
                new ConvGeometry(1, 5, 11, 12, 6, 7, 1, 1, 1, 3, 0, 3, 0, 1, 1, 1),   // 7×1
                new ConvGeometry(1, 4, 10, 10, 5, 3, 3, 2, 2, 0, 0, 1, 1, 1, 1, 1),   // SAME_UPPER-style pads
                new ConvGeometry(1, 3, 9, 14, 4, 3, 5, 2, 1, 1, 2, 0, 1, 2, 1, 1));   // mixed everything
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void matchesReferenceOnOneThread(ConvGeometry g) {
        checkConvolution(Conv2d::forward, g, Parallelism.SINGLE_THREAD);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void matchesReferenceOnTwoThreads(ConvGeometry g) {
        checkConvolution(Conv2d::forward, g, threads(2));
    }

    @Test
    void accumulatingAddsTheConvolutionToTheOutputBeforeBiasAndActivation() {
        ConvGeometry g = ConvGeometry.of(2, 6, 9, 10, 5, 3, 2, 1, 1, 1);
        Random random = new Random(7);
        float[] input = random(random, g.inputSize());
        float[] weights = random(random, g.weightSize());
        float[] bias = random(random, g.outChannels());
        float[] shortcut = random(random, g.outputSize());
        float[] convolution = new float[g.outputSize()];
        float[] magnitude = new float[g.outputSize()];
        ReferenceKernels.conv(g, input, weights, Epilogue.NONE, convolution);
        ReferenceKernels.conv(g, abs(input), abs(weights), Epilogue.of(abs(bias), FusedActivation.NONE), magnitude);
        float[] expected = new float[g.outputSize()];
        int plane = g.outPlaneSize();
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Math.max(0f, shortcut[i] + convolution[i] + bias[i / plane % g.outChannels()]);
            magnitude[i] += Math.abs(shortcut[i]);
        }
        for (Parallelism parallelism : new Parallelism[] {Parallelism.SINGLE_THREAD, threads(2)}) {
            float[] actual = shortcut.clone();
            Conv2d.forward(g, input, 0, weights, 0, Epilogue.of(bias, FusedActivation.RELU), true, actual, 0, parallelism);
            assertClose("residual on " + parallelism.threads() + " threads", expected, magnitude, actual);
        }
    }
}
