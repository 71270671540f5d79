package io.archexplorer.samples.blocks;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import java.util.Optional;

/**
 * The inverted residual of MobileNetV2 (Sandler et al. 2018) in the general form that MobileNetV3, EfficientNet's
 * MBConv and MnasNet share (torchvision's {@code InvertedResidual}, {@code MBConv}, {@code _InvertedResidual}): a
 * 1×1 expansion to the hidden width, left out when that equals the input's; a k×k depthwise convolution; an optional
 * squeeze-and-excitation on the hidden channels; and a linear 1×1 projection. Every convolution has a batchnorm,
 * the first two the activation. The input is added to the result when the stride is 1 and the widths agree.
 *
 * <p>The name given to {@link #add} is the block the layers go in: {@code expand}, {@code depthwise} (each with
 * {@code _bn} and {@code _<activation>}), {@code se}, {@code project}, {@code project_bn} and {@code add}.
 *
 * @param expandedChannels the hidden width, t · input channels in MobileNetV2 and MnasNet, listed per block in
 *     MobileNetV3, rounded by {@link Channels#makeDivisible} in EfficientNet
 * @param squeezeExcitation gates the {@code expandedChannels}
 */
public record InvertedResidual(int inChannels, int expandedChannels, int outChannels, int kernel, int stride,
                               Activation.Function activation, Optional<SqueezeExcitation> squeezeExcitation,
                               double batchNormEps) implements Block {

    public InvertedResidual {
        squeezeExcitation.ifPresent(se -> {
            if (se.channels() != expandedChannels) {
                throw new IllegalArgumentException("the squeeze-and-excitation must gate the " + expandedChannels
                        + " expanded channels, not " + se.channels());
            }
        });
    }

    /** MobileNetV2's block: 3×3, stride 1, ReLU6, no squeeze-and-excitation, batchnorm eps 1e-5. */
    public static InvertedResidual of(int inChannels, int expandedChannels, int outChannels) {
        return new InvertedResidual(inChannels, expandedChannels, outChannels, 3, 1, Activation.Function.RELU6,
                Optional.empty(), BatchNorm.DEFAULT_EPS);
    }

    public InvertedResidual withKernel(int k) {
        return new InvertedResidual(inChannels, expandedChannels, outChannels, k, stride, activation,
                squeezeExcitation, batchNormEps);
    }

    public InvertedResidual withStride(int s) {
        return new InvertedResidual(inChannels, expandedChannels, outChannels, kernel, s, activation,
                squeezeExcitation, batchNormEps);
    }

    public InvertedResidual withActivation(Activation.Function function) {
        return new InvertedResidual(inChannels, expandedChannels, outChannels, kernel, stride, function,
                squeezeExcitation, batchNormEps);
    }

    public InvertedResidual withSqueezeExcitation(SqueezeExcitation se) {
        return new InvertedResidual(inChannels, expandedChannels, outChannels, kernel, stride, activation,
                Optional.of(se), batchNormEps);
    }

    /** MobileNetV3 and EfficientNet-V2 use 0.001. */
    public InvertedResidual withBatchNormEps(double eps) {
        return new InvertedResidual(inChannels, expandedChannels, outChannels, kernel, stride, activation,
                squeezeExcitation, eps);
    }

    @Override
    public String add(NetBuilder b, String name, String input) {
        try (var scope = b.block(name)) {
            String x = input;
            if (expandedChannels != inChannels) {
                x = normalized(ConvBnAct.pointwise(expandedChannels)).add(b, "expand", x);
            }
            x = normalized(ConvBnAct.depthwise(expandedChannels, kernel).withStride(stride)).add(b, "depthwise", x);
            if (squeezeExcitation.isPresent()) {
                x = squeezeExcitation.get().add(b, "se", x);
            }
            // The projection stays linear: the paper's point is that a ReLU here would destroy information.
            x = normalized(ConvBnAct.pointwise(outChannels)).withoutActivation().add(b, "project", x);
            return stride == 1 && inChannels == outChannels ? b.add("add", new Add(), input, x) : x;
        }
    }

    private ConvBnAct normalized(ConvBnAct conv) {
        return conv.withBatchNormEps(batchNormEps).withActivation(activation);
    }
}
