package io.archexplorer.samples.blocks;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Conv;
import java.util.Optional;

/**
 * A convolution, then a batchnorm and an activation when it has them: torchvision's {@code Conv2dNormActivation}
 * (Inception's {@code BasicConv2d}), the unit nearly every family is made of. The name given to {@link #add} is the
 * convolution's, and the other two are named after it: {@code conv1}, {@code conv1_bn}, {@code conv1_relu}.
 *
 * <p>The factories pad the convolution so that it keeps the side at stride 1 ((k − 1)/2 · dilation per axis, as
 * torchvision does) and follow it with a batchnorm (eps 1e-5) and ReLU, without bias. Each {@code with} method
 * changes that one setting only: unlike torchvision, dropping the batchnorm does not add a bias, so a net that has
 * one says {@code withBias(true)}.
 */
public record ConvBnAct(Conv conv, Optional<BatchNorm> batchNorm, Optional<Activation.Function> activation)
        implements Block {

    /** A k×k convolution. */
    public static ConvBnAct of(int outChannels, int kernel) {
        return of(outChannels, kernel, kernel);
    }

    /** A kh×kw convolution, such as Inception's 1×7 and 7×1 factorizations. */
    public static ConvBnAct of(int outChannels, int kernelH, int kernelW) {
        return padded(outChannels, kernelH, kernelW, 1);
    }

    /**
     * A k×k convolution with bias and ReLU, without batchnorm: the unit of the nets from before batchnorm (AlexNet,
     * VGG, SqueezeNet).
     */
    public static ConvBnAct convRelu(int outChannels, int kernel) {
        return of(outChannels, kernel).withoutBatchNorm().withBias(true);
    }

    /** A k×k convolution whose taps are {@code dilation} pixels apart. */
    public static ConvBnAct dilated(int outChannels, int kernel, int dilation) {
        return padded(outChannels, kernel, kernel, dilation);
    }

    /** A k×k convolution with one filter per channel. */
    public static ConvBnAct depthwise(int channels, int kernel) {
        return of(channels, kernel).withGroups(channels);
    }

    /** A 1×1 convolution across channels. */
    public static ConvBnAct pointwise(int outChannels) {
        return of(outChannels, 1);
    }

    private static ConvBnAct padded(int outChannels, int kernelH, int kernelW, int dilation) {
        Conv conv = new Conv(outChannels, kernelH, kernelW, 1, 1, (kernelH - 1) / 2 * dilation,
                (kernelW - 1) / 2 * dilation, dilation, dilation, 1, false);
        return new ConvBnAct(conv, Optional.of(new BatchNorm()), Optional.of(Activation.Function.RELU));
    }

    public ConvBnAct withStride(int stride) {
        return withWindow(stride, conv.padH(), conv.padW());
    }

    /** The same padding on every side, e.g. AlexNet's 2 around its 11×11 stem. */
    public ConvBnAct withPadding(int padding) {
        return withWindow(conv.strideH(), padding, padding);
    }

    private ConvBnAct withWindow(int stride, int padH, int padW) {
        Conv c = conv;
        return withConv(new Conv(c.outChannels(), c.kernelH(), c.kernelW(), stride, stride, padH, padW, c.dilationH(),
                c.dilationW(), c.groups(), c.bias()));
    }

    public ConvBnAct withGroups(int groups) {
        return withConv(conv.withGroups(groups));
    }

    public ConvBnAct withBias(boolean bias) {
        return withConv(conv.withBias(bias));
    }

    private ConvBnAct withConv(Conv c) {
        return new ConvBnAct(c, batchNorm, activation);
    }

    /** Inception's and the MobileNetV3 and EfficientNet-V2 batchnorms use 0.001. */
    public ConvBnAct withBatchNormEps(double eps) {
        return new ConvBnAct(conv, Optional.of(new BatchNorm(eps)), activation);
    }

    /** The nets from before batchnorm (AlexNet, VGG, SqueezeNet), or a conv whose batchnorm comes later. */
    public ConvBnAct withoutBatchNorm() {
        return new ConvBnAct(conv, Optional.empty(), activation);
    }

    public ConvBnAct withActivation(Activation.Function function) {
        return new ConvBnAct(conv, batchNorm, Optional.of(function));
    }

    /** A linear unit, such as a bottleneck's last convolution, whose activation (if any) follows the residual add. */
    public ConvBnAct withoutActivation() {
        return new ConvBnAct(conv, batchNorm, Optional.empty());
    }

    /** Adds {@code name} (the conv), {@code name_bn} and {@code name_<activation kind>}; returns the last. */
    @Override
    public String add(NetBuilder b, String name, String input) {
        String x = b.add(name, conv, input);
        if (batchNorm.isPresent()) {
            x = b.add(name + "_bn", batchNorm.get(), x);
        }
        if (activation.isPresent()) {
            x = b.add(name + "_" + activation.get().kind(), new Activation(activation.get()), x);
        }
        return x;
    }
}
