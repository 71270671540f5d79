package io.archexplorer.samples.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.ops.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqueezeExcitationTest {

    /**
     * 32 channels at ratio 4 squeeze through 8: fc1 has 32·8 weights + 8 biases, fc2 8·32 + 32, 552 params. Both run
     * on the pooled 1×1 map, one mult-add per weight and one add per bias: 552 mult-adds too.
     */
    @Test
    void gatesEachChannelThroughTheSqueezedBottleneck() {
        TinyNet net = TinyNet.after(32, 4, (b, in) -> SqueezeExcitation.reduced(32, 4).add(b, "se", in));
        assertEquals(List.of("se.avgpool", "se.fc1", "se.fc1_relu", "se.fc2", "se.fc2_sigmoid", "se.scale"),
                net.names());
        assertEquals(32 * 8 + 8 + 8 * 32 + 32, net.params());
        assertEquals(32 * 8 + 8 + 8 * 32 + 32, net.multAdds());
        assertEquals(net.net().inputShape(), net.output());
        assertEquals(List.of("input", "se.fc2_sigmoid"), net.layer("se.scale").inputs(), "the input, scaled");
        assertEquals(List.of("se"), net.net().layers().stream().skip(1).map(Layer::block).distinct().toList());
    }

    /** MobileNetV3's gate (hard_sigmoid) and EfficientNet's activation (swish) name their layers. */
    @Test
    void theActivationAndGateAreConfigurable() {
        SqueezeExcitation se = SqueezeExcitation.of(16, 4).withActivation(Activation.Function.SWISH)
                .withGate(Activation.Function.HARD_SIGMOID);
        TinyNet net = TinyNet.after(16, 2, (b, in) -> se.add(b, "se", in));
        assertEquals(List.of("se.avgpool", "se.fc1", "se.fc1_swish", "se.fc2", "se.fc2_hard_sigmoid", "se.scale"),
                net.names());
        assertEquals(16 * 4 + 4 + 4 * 16 + 16, net.params());
    }

    @Test
    void aGateLiesInZeroToOneAndTheSqueezeKeepsAChannel() {
        assertThrows(IllegalArgumentException.class,
                () -> SqueezeExcitation.of(16, 4).withGate(Activation.Function.RELU));
        assertThrows(IllegalArgumentException.class, () -> SqueezeExcitation.reduced(8, 16));
    }
}
