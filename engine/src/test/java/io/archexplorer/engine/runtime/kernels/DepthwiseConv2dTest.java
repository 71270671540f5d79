package io.archexplorer.engine.runtime.kernels;

import static io.archexplorer.engine.runtime.kernels.KernelAssertions.threads;
import static io.archexplorer.engine.runtime.kernels.KernelAssertions.checkConvolution;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DepthwiseConv2dTest {

    /** Depthwise shapes: MobileNet-like 3×3 s1/s2, 5×5, 7×7, dilation, odd strides and pads, widths around 16. */
    static Stream<ConvGeometry> geometries() {
        return Stream.of(
                ConvGeometry.depthwise(1, 5, 17, 19, 3, 1, 1),
                ConvGeometry.depthwise(1, 4, 16, 16, 3, 2, 1),
                ConvGeometry.depthwise(3, 3, 15, 33, 3, 2, 1),
                ConvGeometry.depthwise(1, 7, 7, 7, 3, 1, 1),
                ConvGeometry.depthwise(1, 3, 14, 14, 5, 1, 2),
                ConvGeometry.depthwise(1, 3, 13, 40, 5, 2, 2),
                ConvGeometry.depthwise(1, 2, 12, 113, 3, 2, 1),                       // stride 2, odd pad, wide
                ConvGeometry.depthwise(1, 2, 9, 70, 3, 2, 0),                         // stride 2, even pad, wide
                ConvGeometry.depthwise(1, 2, 10, 50, 3, 3, 1),                        // stride 3, wide
                ConvGeometry.depthwise(2, 2, 12, 12, 7, 1, 3),
                ConvGeometry.depthwise(1, 2, 23, 21, 7, 2, 3),
                ConvGeometry.depthwise(1, 3, 9, 9, 3, 1, 0),
                ConvGeometry.depthwise(1, 3, 11, 31, 3, 3, 2),
                ConvGeometry.depthwise(1, 4, 6, 5, 1, 1, 0),
                ConvGeometry.depthwise(1, 2, 5, 5, 3, 2, 3),                          // padding wider than input
                ConvGeometry.depthwise(1, 2, 4, 4, 1, 1, 2),                          // 1×1 with padding
                ConvGeometry.of(1, 4, 12, 18, 4, 3, 1, 2, 2, 4),                      // dilation 2
                ConvGeometry.of(1, 4, 13, 20, 4, 3, 2, 2, 2, 4),                      // dilation 2, stride 2
                new ConvGeometry(1, 3, 10, 10, 3, 3, 3, 2, 2, 0, 0, 1, 1, 1, 1, 3),   // SAME_UPPER-style pads
                new ConvGeometry(1, 3, 12, 40, 3, 3, 3, 1, 2, 1, 2, 1, 2, 1, 2, 3),   // strides 1×2, dilations 1×2
                new ConvGeometry(2, 2, 9, 21, 2, 3, 3, 1, 1, 0, 1, 2, 0, 1, 1, 2),    // uneven pads, 3×3 rows path
                new ConvGeometry(1, 3, 9, 14, 3, 1, 7, 1, 1, 0, 3, 0, 3, 1, 1, 3));   // 1×7
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void matchesReferenceOnOneThread(ConvGeometry g) {
        checkConvolution(DepthwiseConv2d::forward, g, Parallelism.SINGLE_THREAD);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void matchesReferenceOnTwoThreads(ConvGeometry g) {
        checkConvolution(DepthwiseConv2d::forward, g, threads(2));
    }
}
