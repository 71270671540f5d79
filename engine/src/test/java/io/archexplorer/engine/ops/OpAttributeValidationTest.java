package io.archexplorer.engine.ops;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Op constructors reject meaningless attributes with a message that names the attribute. */
class OpAttributeValidationTest {

    static Stream<Arguments> meaninglessAttributes() {
        return Stream.of(
                rejects("out_channels", () -> new Conv(0, 3, 3, 1, 1, 1, 1, 1, 1, 1, false)),
                rejects("kernel_h", () -> new Conv(64, 0, 3, 1, 1, 1, 1, 1, 1, 1, false)),
                rejects("kernel_w", () -> new Conv(64, 3, 0, 1, 1, 1, 1, 1, 1, 1, false)),
                rejects("stride_h", () -> new Conv(64, 3, 3, 0, 1, 1, 1, 1, 1, 1, false)),
                rejects("stride_w", () -> new Conv(64, 3, 3, 1, 0, 1, 1, 1, 1, 1, false)),
                rejects("pad_h", () -> new Conv(64, 3, 3, 1, 1, -1, 1, 1, 1, 1, false)),
                rejects("pad_w", () -> new Conv(64, 3, 3, 1, 1, 1, -1, 1, 1, 1, false)),
                rejects("dilation_h", () -> new Conv(64, 3, 3, 1, 1, 1, 1, 0, 1, 1, false)),
                rejects("dilation_w", () -> new Conv(64, 3, 3, 1, 1, 1, 1, 1, 0, 1, false)),
                rejects("groups", () -> Conv.of(64, 3, 1, 1).withGroups(0)),
                rejects("output channels 64 not divisible by groups 3", () -> Conv.of(64, 3, 1, 1).withGroups(3)),
                rejects("kernel_h", () -> Pool.max(0, 1, 0)),
                rejects("stride_w", () -> new Pool(Pool.Mode.AVG, 2, 2, 2, 0, 0, 0, false, true)),
                rejects("pad_h", () -> Pool.avg(3, 1, -1)),
                rejects("padding 2×2 exceeds half the kernel 3×3", () -> Pool.max(3, 2, 2)),
                rejects("padding 0×2 exceeds half the kernel 1×3",
                        () -> new Pool(Pool.Mode.MAX, 1, 3, 1, 1, 0, 2, false, true)),
                rejects("mode", () -> new Pool(null, 2, 2, 2, 2, 0, 0, false, true)),
                rejects("rate", () -> new Dropout(1.0)),
                rejects("rate", () -> new Dropout(-0.1)),
                rejects("rate", () -> new Dropout(Double.NaN)),
                rejects("eps", () -> new BatchNorm(0)),
                rejects("out_features", () -> new FullyConnected(0, true)),
                rejects("out_h", () -> new AdaptiveAvgPool(0, 7)),
                rejects("out_w", () -> new AdaptiveAvgPool(7, 0)),
                rejects("groups", () -> new ChannelShuffle(0)),
                rejects("start", () -> new ChannelSlice(-1, 4)),
                rejects("end 4 must be greater than start 4", () -> new ChannelSlice(4, 4)),
                rejects("size", () -> new Lrn(0, 1e-4, 0.75, 1)),
                rejects("function", () -> new Activation(null)),
                rejects("batch", () -> new Input(0, 3, 224, 224)),
                rejects("channels", () -> new Input(1, 0, 224, 224)),
                rejects("height", () -> new Input(1, 3, 0, 224)),
                rejects("width", () -> new Input(1, 3, 224, -5)));
    }

    private static Arguments rejects(String named, Executable construction) {
        return Arguments.of(named, construction);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("meaninglessAttributes")
    void constructorRejectsTheAttributeByName(String named, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().startsWith(named), () -> "message '" + e.getMessage() + "' should name " + named);
    }

    static Stream<Arguments> boundaryValues() {
        return Stream.of(
                Arguments.of("pool padding of exactly half the kernel", (Executable) () -> Pool.max(3, 2, 1)),
                Arguments.of("pool padding of half an even kernel", (Executable) () -> Pool.avg(2, 2, 1)),
                Arguments.of("dropout rate 0", (Executable) () -> new Dropout(0.0)),
                Arguments.of("conv padding 0", (Executable) () -> Conv.of(8, 3, 1, 0)),
                Arguments.of("depthwise groups", (Executable) () -> Conv.of(32, 3, 1, 1).withGroups(32)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaryValues")
    void constructorAcceptsTheBoundary(String description, Executable construction) {
        assertDoesNotThrow(construction);
    }
}
