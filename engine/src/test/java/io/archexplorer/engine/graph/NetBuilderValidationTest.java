package io.archexplorer.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Pool;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a net can be wrong gives an {@link InvalidNetException} naming the culprit layer and the reason. */
class NetBuilderValidationTest {

    /** A net whose input 'data' is 2×8×4×4, followed by {@code layers}. */
    private static Arguments net(String culprit, String reason, Consumer<NetBuilder> layers) {
        return Arguments.of(culprit, reason, layers);
    }

    static Stream<Arguments> invalidNets() {
        return Stream.of(
                net("conv", "unknown input 'dta'", b -> b.add("conv", Conv.of(8, 3, 1, 1), "dta")),
                net("data", "the name is used by another layer", b -> b.add("data", Activation.relu(), "data")),
                net("conv", "input channels 8 not divisible by groups 3",
                        b -> b.add("conv", Conv.of(9, 3, 1, 1).withGroups(3), "data")),
                net("conv", "output size -2×-2 from input 4×4 with kernel 7×7, stride 1, padding 0",
                        b -> b.add("conv", Conv.of(16, 7, 1, 0), "data")),
                net("pool", "output size 0×0 from input 4×4 with window 5×5, stride 1",
                        b -> b.add("pool", Pool.max(5, 1, 0), "data")),
                // a 1×7 conv given the padding of a 7×1 one: the message shows which axis has none
                net("conv", "output size 10×-2 from input 4×4 with kernel 1×7, stride 1, padding 3×0",
                        b -> b.add("conv", new Conv(8, 1, 7, 1, 1, 3, 0, 1, 1, 1, false), "data")),
                net("pool", "output size 4×0 from input 4×4 with window 1×5, stride 1×2",
                        b -> b.add("pool", new Pool(Pool.Mode.MAX, 1, 5, 1, 2, 0, 0, false, true), "data")),
                net("sum", "cannot add shapes 2×8×4×4 and 2×8×2×2", b -> {
                    b.add("down", Pool.max(2, 2, 0), "data");
                    b.add("sum", new Add(), "data", "down");
                }),
                net("sum", "cannot add shapes 2×8×4×4 and 2×16×4×4", b -> {
                    b.add("wide", Conv.of(16, 1, 1, 0), "data");
                    b.add("sum", new Add(), "data", "wide");
                }),
                net("cat", "cannot concatenate 2×8×4×4 and 2×8×2×2: batch and spatial sizes differ", b -> {
                    b.add("down", Pool.avg(2, 2, 0), "data");
                    b.add("cat", new Concat(), "data", "down");
                }),
                net("sum", "add takes at least 2 inputs, got 1", b -> b.add("sum", new Add(), "data")),
                net("conv", "conv takes 1 input, got 2", b -> b.add("conv", Conv.of(8, 1, 1, 0), "data", "data")),
                net("scale", "channel_mul takes 2 inputs, got 3",
                        b -> b.add("scale", new ChannelMultiply(), "data", "data", "data")),
                net("data2", "input takes 0 inputs, got 1", b -> b.add("data2", new Input(1, 3, 4, 4), "data")),
                net("half", "channels 4:12 exceed the input's 8", b -> b.add("half", new ChannelSlice(4, 12), "data")),
                net("shuffle", "channels 8 not divisible by groups 3",
                        b -> b.add("shuffle", new ChannelShuffle(3), "data")),
                net("scale", "scale 2×8×4×4 is not one factor per channel of 2×8×4×4",
                        b -> b.add("scale", new ChannelMultiply(), "data", "data")),
                net("scale", "scale 2×4×1×1 is not one factor per channel of 2×8×4×4", b -> {
                    b.add("squeeze", new GlobalAvgPool(), "data");
                    b.add("excite", Conv.of(4, 1, 1, 0), "squeeze");
                    b.add("scale", new ChannelMultiply(), "data", "excite");
                }),
                net("scale", "scale 2×7 is not one factor per channel of 2×8×4×4", b -> {
                    b.add("fc", new FullyConnected(7, true), "data");
                    b.add("scale", new ChannelMultiply(), "data", "fc");
                }));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidNets")
    void buildNamesTheLayerAndTheReason(String culprit, String reason, Consumer<NetBuilder> layers) {
        NetBuilder b = new NetBuilder("test");
        b.add("data", new Input(2, 8, 4, 4));
        layers.accept(b);
        InvalidNetException e = assertThrows(InvalidNetException.class, b::build);
        assertEquals(culprit, e.layer());
        assertEquals("layer '" + culprit + "': " + reason, e.getMessage());
    }

    @Test
    void cycleMessageListsTheCycleInDataFlowOrder() {
        NetBuilder b = new NetBuilder("test");
        b.add("data", new Input(1, 8, 4, 4));
        b.add("a", new Add(), "data", "c");
        b.add("b", Activation.relu(), "a");
        b.add("c", Activation.relu(), "b");
        b.add("head", Activation.relu(), "c");
        InvalidNetException e = assertThrows(InvalidNetException.class, b::build);
        assertEquals("layer 'a': is part of a cycle: a → b → c → a", e.getMessage());
    }

    @Test
    void cycleFoundFromALayerDownstreamOfItNamesOnlyTheCycle() {
        NetBuilder b = new NetBuilder("test");
        b.add("head", Activation.relu(), "y");
        b.add("data", new Input(1, 8, 4, 4));
        b.add("x", new Add(), "data", "y");
        b.add("y", Activation.relu(), "x");
        InvalidNetException e = assertThrows(InvalidNetException.class, b::build);
        assertEquals("layer 'y': is part of a cycle: y → x → y", e.getMessage());
    }

    @Test
    void layerFeedingItselfIsACycle() {
        NetBuilder b = new NetBuilder("test");
        b.add("data", new Input(1, 8, 4, 4));
        b.add("loop", new Add(), "data", "loop");
        InvalidNetException e = assertThrows(InvalidNetException.class, b::build);
        assertEquals("layer 'loop': is part of a cycle: loop → loop", e.getMessage());
    }

    @Test
    void emptyNetIsNamedByTheNet() {
        InvalidNetException e = assertThrows(InvalidNetException.class, () -> new NetBuilder("empty").build());
        assertEquals("layer 'empty': the net has no layers", e.getMessage());
    }
}
