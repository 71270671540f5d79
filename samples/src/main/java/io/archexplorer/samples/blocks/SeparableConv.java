package io.archexplorer.samples.blocks;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Conv;
import java.util.Optional;

/**
 * A depthwise-separable convolution: a k×k depthwise convolution (one filter per channel) and a 1×1 pointwise one
 * across channels. Where the batchnorms and activations go tells the nets apart, so each half is a
 * {@link ConvBnAct} of its own: MobileNet follows each half with batchnorm and ReLU ({@link #mobileNet}); Xception
 * and NASNet activate first, run the two halves back to back and normalize once at the end ({@link #preActivated}).
 *
 * <p>The name given to {@link #add} is the block the layers go in: the pre-activation named by its kind
 * ({@code relu}), then {@code depthwise} and {@code pointwise} with their own {@code _bn} and {@code _<activation>}.
 */
public record SeparableConv(Optional<Activation.Function> preActivation, ConvBnAct depthwise, ConvBnAct pointwise)
        implements Block {

    public SeparableConv {
        Conv d = depthwise.conv();
        if (d.groups() != d.outChannels()) {
            throw new IllegalArgumentException("the depthwise half needs one filter per channel, got "
                    + d.attributesSummary());
        }
        Conv p = pointwise.conv();
        if (p.kernelH() != 1 || p.kernelW() != 1 || p.groups() != 1) {
            throw new IllegalArgumentException("the pointwise half must be an ungrouped 1×1 convolution, got "
                    + p.attributesSummary());
        }
    }

    /** MobileNet (Howard et al. 2017): 3×3 depthwise + BN + ReLU, then 1×1 pointwise + BN + ReLU. */
    public static SeparableConv mobileNet(int inChannels, int outChannels, int stride) {
        return new SeparableConv(Optional.empty(), ConvBnAct.depthwise(inChannels, 3).withStride(stride),
                ConvBnAct.pointwise(outChannels));
    }

    /**
     * Xception (Chollet 2017) and NASNet (Zoph et al. 2018): ReLU, k×k depthwise and 1×1 pointwise convolution
     * with nothing between them, then one batchnorm.
     */
    public static SeparableConv preActivated(int inChannels, int outChannels, int kernel, int stride) {
        return new SeparableConv(Optional.of(Activation.Function.RELU),
                ConvBnAct.depthwise(inChannels, kernel).withStride(stride).withoutBatchNorm().withoutActivation(),
                ConvBnAct.pointwise(outChannels).withoutActivation());
    }

    @Override
    public String add(NetBuilder b, String name, String input) {
        try (var scope = b.block(name)) {
            String x = input;
            if (preActivation.isPresent()) {
                x = b.add(preActivation.get().kind(), new Activation(preActivation.get()), x);
            }
            x = depthwise.add(b, "depthwise", x);
            return pointwise.add(b, "pointwise", x);
        }
    }
}
