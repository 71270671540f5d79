package io.archexplorer.samples.blocks;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.GlobalAvgPool;

/**
 * Squeeze-and-excitation (Hu et al. 2018, "Squeeze-and-Excitation Networks") as torchvision's
 * {@code SqueezeExcitation}: global average pooling squeezes each channel to one number, two fully connected layers
 * (1×1 convolutions with bias on the 1×1 map, as torchvision has them) with an activation between them turn those
 * into one gate per channel, and each channel of the input is multiplied by its gate. SENet reduces by r = 16 with
 * ReLU and a sigmoid gate; MobileNetV3 gates with hard_sigmoid, EfficientNet activates with swish.
 *
 * <p>The name given to {@link #add} is the block the layers go in: {@code avgpool}, {@code fc1},
 * {@code fc1_<activation>}, {@code fc2}, {@code fc2_<gate>} and {@code scale}.
 *
 * @param channels the input's channels, which the gates scale
 * @param squeezeChannels the outputs of fc1, the bottleneck the gates are computed through
 */
public record SqueezeExcitation(int channels, int squeezeChannels, Activation.Function activation,
                                Activation.Function gate) implements Block {

    public SqueezeExcitation {
        if (squeezeChannels < 1) {
            throw new IllegalArgumentException("squeezing " + channels + " channels to " + squeezeChannels
                    + " leaves none");
        }
        if (gate != Activation.Function.SIGMOID && gate != Activation.Function.HARD_SIGMOID) {
            throw new IllegalArgumentException("a gate must lie in [0, 1]: sigmoid or hard_sigmoid, not "
                    + gate.kind());
        }
    }

    /** torchvision's defaults: ReLU between the fc layers and a sigmoid gate. */
    public static SqueezeExcitation of(int channels, int squeezeChannels) {
        return new SqueezeExcitation(channels, squeezeChannels, Activation.Function.RELU,
                Activation.Function.SIGMOID);
    }

    /** SENet's reduction ratio r: fc1 has channels / r outputs. */
    public static SqueezeExcitation reduced(int channels, int ratio) {
        return of(channels, channels / ratio);
    }

    public SqueezeExcitation withActivation(Activation.Function function) {
        return new SqueezeExcitation(channels, squeezeChannels, function, gate);
    }

    public SqueezeExcitation withGate(Activation.Function function) {
        return new SqueezeExcitation(channels, squeezeChannels, activation, function);
    }

    @Override
    public String add(NetBuilder b, String name, String input) {
        try (var scope = b.block(name)) {
            String squeezed = b.add("avgpool", new GlobalAvgPool(), input);
            String hidden = fullyConnected(squeezeChannels, activation).add(b, "fc1", squeezed);
            String gates = fullyConnected(channels, gate).add(b, "fc2", hidden);
            return b.add("scale", new ChannelMultiply(), input, gates);
        }
    }

    private static ConvBnAct fullyConnected(int outChannels, Activation.Function function) {
        return ConvBnAct.pointwise(outChannels).withoutBatchNorm().withBias(true).withActivation(function);
    }
}
