package io.archexplorer.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.Shape;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Pooling output sizes, checked twice: against values worked out by hand and against a window-counting reference
 * that states PyTorch's documented rule directly (floor mode: only windows inside the padded input; ceil mode: add
 * windows until the padded input is covered, but ignore any window that would start in the right padding).
 */
class PoolOutputSizeTest {

    @ParameterizedTest(name = "{0} k{1} s{2} p{3} ceil={4} → {5}")
    @CsvSource({
        // ResNet max pool: (112 + 2 − 3) / 2 + 1 = 55 + 1 = 56
        "112, 3, 2, 1, false, 56",
        // GoogLeNet pool1 (Caffe, torchvision ceil_mode=True): ceil(109 / 2) + 1 = 56, floor would give 55
        "112, 3, 2, 0, true, 56",
        "112, 3, 2, 0, false, 55",
        // AlexNet pool1 (Caffe): ceil(52 / 2) + 1 = 27, the division is exact so floor agrees
        "55, 3, 2, 0, true, 27",
        "55, 3, 2, 0, false, 27",
        // AlexNet pool5 (Caffe): ceil(10 / 2) + 1 = 6
        "13, 3, 2, 0, true, 6",
        // ceil mode adds a last window that runs off the right edge: ceil(5 / 2) + 1 = 4 against floor's 3
        "6, 3, 2, 1, true, 4",
        "6, 3, 2, 1, false, 3",
        // clipping: ceil((5 + 2 − 2) / 2) + 1 = 4, but window 4 would start at padded index 6, in the right
        // padding (input at 1..5); PyTorch's (4 − 1)·2 ≥ 5 + 1 drops it
        "5, 2, 2, 1, true, 3",
        // DenseNet transition: 2×2 average pool with stride 2
        "56, 2, 2, 0, false, 28",
        // Inception branch pool 3×3/1 with padding 1 keeps the size
        "28, 3, 1, 1, false, 28",
        // a window as large as the input
        "7, 7, 1, 0, false, 1",
    })
    void pooledSize(int in, int kernel, int stride, int pad, boolean ceilMode, int expected) {
        assertEquals(expected, windowCount(in, kernel, stride, pad, ceilMode), "the reference disagrees");
        for (Pool.Mode mode : Pool.Mode.values()) {
            Pool pool = new Pool(mode, kernel, kernel, stride, stride, pad, pad, ceilMode, true);
            assertEquals(Shape.of(2, 8, expected, expected), pool.outputShape(List.of(Shape.of(2, 8, in, in))),
                    mode.name());
        }
    }

    @ParameterizedTest(name = "{0}×{1} k{2}×{3} s{4}×{5} p{6}×{7} ceil={8}")
    @CsvSource({
        "10, 9, 3, 2, 2, 1, 1, 0, true",
        "17, 12, 3, 3, 2, 2, 1, 1, false",
        "9, 20, 2, 4, 3, 2, 1, 2, true",
        "5, 11, 2, 3, 2, 3, 1, 1, true",
    })
    void axesArePooledIndependently(int inH, int inW, int kernelH, int kernelW, int strideH, int strideW, int padH,
                                    int padW, boolean ceilMode) {
        Pool pool = new Pool(Pool.Mode.MAX, kernelH, kernelW, strideH, strideW, padH, padW, ceilMode, true);
        Shape expected = Shape.of(1, 3, windowCount(inH, kernelH, strideH, padH, ceilMode),
                windowCount(inW, kernelW, strideW, padW, ceilMode));
        assertEquals(expected, pool.outputShape(List.of(Shape.of(1, 3, inH, inW))));
    }

    /** Counts the windows PyTorch evaluates along one axis of length {@code in} padded by {@code pad} each side. */
    private static int windowCount(int in, int kernel, int stride, int pad, boolean ceilMode) {
        int paddedLength = in + 2 * pad;
        int rightPaddingStart = pad + in;
        int count = 0;
        for (int start = 0; start < rightPaddingStart; start += stride) {
            boolean insidePadded = start + kernel <= paddedLength;
            boolean earlierWindowsLeaveElementsUncovered = start == 0 || start - stride + kernel < paddedLength;
            if (insidePadded || ceilMode && earlierWindowsLeaveElementsUncovered) {
                count++;
            }
        }
        return count;
    }
}
