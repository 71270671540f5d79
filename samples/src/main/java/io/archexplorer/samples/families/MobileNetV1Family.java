package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.Channels;
import io.archexplorer.samples.blocks.ClassifierHead;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.blocks.SeparableConv;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;

/**
 * MobileNet (Howard et al. 2017, "MobileNets: Efficient Convolutional Neural Networks for Mobile Vision
 * Applications"), exactly the body of the paper's Table 1: a 3×3/2 convolution, 13 depthwise-separable layers
 * (3×3 depthwise + BN + ReLU, then 1×1 pointwise + BN + ReLU), global average pooling and a 1000-way fc. Every
 * convolution is followed by batchnorm, so none has a bias.
 *
 * <p>The width multiplier α thins every layer: a layer of c channels in the paper gets floor(α·c) channels, but
 * at least 8, so that α = 0.75, 0.5, 0.25 give the paper's Table 6 widths (e.g. 24, 16 and 8 channels for the
 * first convolution). With {@code depthwise} off each separable pair becomes one full 3×3 convolution of the same
 * stride and output width: the "Conv MobileNet" baseline of Table 4. The fc counts in the mult-adds, as in the
 * paper's Table 2 (0.18 % of them); the tests say how well that reproduces each published figure.
 */
public final class MobileNetV1Family implements Family {
    private static final int STEM_CHANNELS = 32;

    /** Output channels and stride of the 13 depthwise-separable layers (Table 1). */
    private static final int[][] SEPARABLE_LAYERS = {
            {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2},
            {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1}};

    @Override
    public String name() {
        return "mobilenet_v1";
    }

    @Override
    public String title() {
        return "MobileNet V1";
    }

    @Override
    public String reference() {
        return "Howard et al. 2017, MobileNets: Efficient Convolutional Neural Networks for Mobile Vision Applications";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.real("width", "α", "width multiplier: every layer has floor(α·c) channels (at least 8) "
                        + "instead of the paper's c", 1.0, 0.1, 2.0),
                ImageInput.resolution(224),
                Knob.toggle("depthwise", "", "depthwise-separable convolutions; off replaces each separable pair "
                        + "by one full 3×3 convolution (the paper's \"Conv MobileNet\", Table 4)", true));
    }

    @Override
    public List<Preset> presets() {
        return List.of(new Preset("mobilenet_v1", name(), "1.0 MobileNet-224", Map.of()));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        double alpha = knobs.real("width");
        boolean depthwise = knobs.toggle("depthwise");

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        int channels = thinned(STEM_CHANNELS, alpha);
        x = ConvBnAct.of(channels, 3).withStride(2).add(b, "conv1", x);
        for (int i = 0; i < SEPARABLE_LAYERS.length; i++) {
            int out = thinned(SEPARABLE_LAYERS[i][0], alpha);
            int stride = SEPARABLE_LAYERS[i][1];
            x = depthwise
                    ? SeparableConv.mobileNet(channels, out, stride).add(b, "separable" + (i + 1), x)
                    : ConvBnAct.of(out, 3).withStride(stride).add(b, "conv" + (i + 2), x);
            channels = out;
        }
        ClassifierHead.of(classes(knobs)).add(b, x);
        return b.build();
    }

    private static int thinned(int channels, double alpha) {
        return Math.max(8, Channels.scaled(alpha, channels));
    }
}
