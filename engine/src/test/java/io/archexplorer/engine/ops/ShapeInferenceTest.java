package io.archexplorer.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Output shapes of every op. Expected sizes are worked out by hand from PyTorch's documented formula
 * {@code floor((in + 2·pad − dilation·(kernel − 1) − 1) / stride) + 1}; every case uses a batch above 1.
 */
class ShapeInferenceTest {
    private static final int BATCH = 3;

    private static Shape map(int channels, int height, int width) {
        return Shape.of(BATCH, channels, height, width);
    }

    @Test
    void inputGivesItsOwnShape() {
        assertEquals(Shape.of(4, 3, 224, 200), new Input(4, 3, 224, 200).outputShape(List.of()));
    }

    @ParameterizedTest(name = "{0}×{1} k{2}×{3} s{4}×{5} p{6}×{7} d{8}×{9} → {10}×{11}")
    @CsvSource({
        // ResNet stem: (224 + 6 − 6 − 1) / 2 + 1 = 112
        "224, 224, 7, 7, 2, 2, 3, 3, 1, 1, 112, 112",
        // AlexNet conv1 (torchvision): (224 + 4 − 10 − 1) / 4 + 1 = 54 + 1 = 55
        "224, 224, 11, 11, 4, 4, 2, 2, 1, 1, 55, 55",
        // 'same' 3×3
        "56, 56, 3, 3, 1, 1, 1, 1, 1, 1, 56, 56",
        // downsampling 3×3: (56 + 2 − 2 − 1) / 2 + 1 = 27 + 1 = 28
        "56, 56, 3, 3, 2, 2, 1, 1, 1, 1, 28, 28",
        // 1×1 projection shortcut with stride 2: (56 − 1) / 2 + 1 = 28
        "56, 56, 1, 1, 2, 2, 0, 0, 1, 1, 28, 28",
        // Inception-v3 stem, valid 3×3 stride 2: (35 − 3) / 2 + 1 = 17
        "35, 35, 3, 3, 2, 2, 0, 0, 1, 1, 17, 17",
        // dilation 2 with padding 2 keeps the size: 28 + 4 − 4 − 1 + 1 = 28
        "28, 28, 3, 3, 1, 1, 2, 2, 2, 2, 28, 28",
        // dilation 2 without padding: the effective kernel is 5, 28 − 5 + 1 = 24
        "28, 28, 3, 3, 1, 1, 0, 0, 2, 2, 24, 24",
        // factorized 1×7 and 7×1 with 'same' padding (Inception-v3)
        "17, 17, 1, 7, 1, 1, 0, 3, 1, 1, 17, 17",
        "17, 17, 7, 1, 1, 1, 3, 0, 1, 1, 17, 17",
        // the same kernels unpadded shrink only their own axis: 17 − 7 + 1 = 11
        "17, 17, 1, 7, 1, 1, 0, 0, 1, 1, 17, 11",
        "17, 17, 7, 1, 1, 1, 0, 0, 1, 1, 11, 17",
        // different strides per axis on a non-square map: W (12 + 2 − 2 − 1) / 2 + 1 = 6
        "10, 12, 3, 3, 1, 2, 1, 1, 1, 1, 10, 6",
        // the kernel exactly covers the input
        "7, 7, 7, 7, 1, 1, 0, 0, 1, 1, 1, 1",
    })
    void convOutputSize(int inH, int inW, int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                        int dilationH, int dilationW, int expectedH, int expectedW) {
        Conv conv = new Conv(64, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW, 1, false);
        assertEquals(map(64, expectedH, expectedW), conv.outputShape(List.of(map(16, inH, inW))));
    }

    @Test
    void groupedConvOutputsItsOwnChannelCount() {
        Conv resnextConv = Conv.of(256, 3, 1, 1).withGroups(32);
        assertEquals(map(256, 14, 14), resnextConv.outputShape(List.of(map(128, 14, 14))));
    }

    @Test
    void depthwiseConvKeepsTheChannelsAndStrides() {
        Conv depthwise = Conv.of(32, 3, 2, 1).withGroups(32);
        assertEquals(map(32, 56, 56), depthwise.outputShape(List.of(map(32, 112, 112))));
        assertTrue(depthwise.isDepthwise(32));
    }

    @Test
    void fullyConnectedFlattensAFeatureMap() {
        FullyConnected fc = new FullyConnected(4096, true);
        assertEquals(Shape.of(BATCH, 4096), fc.outputShape(List.of(map(512, 7, 7))));
    }

    @Test
    void fullyConnectedOnFeatures() {
        FullyConnected fc = new FullyConnected(1000, true);
        assertEquals(Shape.of(BATCH, 1000), fc.outputShape(List.of(Shape.of(BATCH, 2048))));
    }

    static Stream<Op> shapePreservingOps() {
        return Stream.of(new BatchNorm(), new Dropout(0.5), new Lrn(5, 1e-4, 0.75, 2), new Softmax(),
                new Identity(), new ChannelShuffle(4));
    }

    @ParameterizedTest
    @MethodSource("shapePreservingOps")
    void opKeepsTheShapeOfItsInput(Op op) {
        assertEquals(map(24, 28, 28), op.outputShape(List.of(map(24, 28, 28))));
    }

    @ParameterizedTest
    @EnumSource(Activation.Function.class)
    void activationKeepsTheShapeOfFeatureMapsAndFeatures(Activation.Function function) {
        Activation activation = new Activation(function);
        assertEquals(map(24, 28, 28), activation.outputShape(List.of(map(24, 28, 28))));
        assertEquals(Shape.of(BATCH, 10), activation.outputShape(List.of(Shape.of(BATCH, 10))));
    }

    @Test
    void globalAvgPoolLeavesOnePixelPerChannel() {
        assertEquals(map(2048, 1, 1), new GlobalAvgPool().outputShape(List.of(map(2048, 7, 7))));
    }

    @ParameterizedTest(name = "{0}×{1} → 7×7")
    @CsvSource({"14, 14", "7, 7", "3, 5", "224, 180"})
    void adaptiveAvgPoolGivesTheRequestedSizeWhateverTheInput(int inH, int inW) {
        assertEquals(map(512, 7, 7), new AdaptiveAvgPool(7, 7).outputShape(List.of(map(512, inH, inW))));
    }

    @Test
    void addOfEqualShapesKeepsTheShape() {
        assertEquals(map(64, 56, 56), new Add().outputShape(List.of(map(64, 56, 56), map(64, 56, 56),
                map(64, 56, 56))));
    }

    @Test
    void channelMultiplyKeepsTheMapShapeForBothScaleLayouts() {
        ChannelMultiply scale = new ChannelMultiply();
        assertEquals(map(96, 14, 14), scale.outputShape(List.of(map(96, 14, 14), map(96, 1, 1))));
        assertEquals(map(96, 14, 14), scale.outputShape(List.of(map(96, 14, 14), Shape.of(BATCH, 96))));
    }

    @Test
    void concatSumsTheChannels() {
        // GoogLeNet inception (3a): 64 + 128 + 32 + 32 = 256
        List<Shape> branches = List.of(map(64, 28, 28), map(128, 28, 28), map(32, 28, 28), map(32, 28, 28));
        assertEquals(map(256, 28, 28), new Concat().outputShape(branches));
    }

    @Test
    void channelSliceTakesEndMinusStartChannels() {
        assertEquals(map(58, 28, 28), new ChannelSlice(58, 116).outputShape(List.of(map(116, 28, 28))));
    }

    @Test
    void flattenMultipliesChannelsHeightAndWidth() {
        // VGG: 512 × 7 × 7 = 25,088 features
        assertEquals(Shape.of(BATCH, 25_088), new Flatten().outputShape(List.of(map(512, 7, 7))));
    }

    static Stream<Op> spatialOps() {
        return Stream.of(Conv.of(8, 1, 1, 0), Pool.max(2, 2, 0), new GlobalAvgPool(), new AdaptiveAvgPool(1, 1),
                new Lrn(5, 1e-4, 0.75, 1), new ChannelShuffle(2), new Concat());
    }

    @ParameterizedTest
    @MethodSource("spatialOps")
    void spatialOpRejectsAFeatureVector(Op op) {
        Shape features = Shape.of(BATCH, 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> op.outputShape(List.of(features)));
        assertEquals(op.kind() + " needs an N×C×H×W input, got " + features, e.getMessage());
    }
}
