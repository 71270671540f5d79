package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.Channels;
import io.archexplorer.samples.blocks.ClassifierHead;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.blocks.InvertedResidual;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;

/**
 * MobileNetV2 (Sandler et al. 2018, "MobileNetV2: Inverted Residuals and Linear Bottlenecks"), laid out as
 * torchvision's {@code mobilenet_v2}: a 3×3/2 convolution, 17 inverted residual blocks (Table 2), a 1×1
 * convolution to 1280 channels, global average pooling, dropout 0.2 and a 1000-way fc.
 *
 * <p>An inverted residual expands its input t times with a 1×1 convolution (omitted when t = 1), filters it with a
 * 3×3 depthwise convolution, both followed by BN + ReLU6, and projects it back with a linear 1×1 convolution + BN;
 * the input is added when the stride is 1 and the widths agree. The width multiplier α rounds every width as
 * torchvision's {@code _make_divisible} does: to the nearest multiple of 8, at least 8, and up by 8 more if that
 * lost over 10 %; the last convolution keeps at least 1280 channels.
 */
public final class MobileNetV2Family implements Family {
    private static final int STEM_CHANNELS = 32;
    private static final int LAST_CHANNELS = 1280;
    private static final int DIVISOR = 8;

    /** Table 2: output channels c, repeats n, stride s of the first repeat, per bottleneck sequence. */
    private static final int[][] SEQUENCES = {
            {16, 1, 1}, {24, 2, 2}, {32, 3, 2}, {64, 4, 2}, {96, 3, 1}, {160, 3, 2}, {320, 1, 1}};

    @Override
    public String name() {
        return "mobilenet_v2";
    }

    @Override
    public String title() {
        return "MobileNet V2";
    }

    @Override
    public String reference() {
        return "Sandler et al. 2018, MobileNetV2: Inverted Residuals and Linear Bottlenecks";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.real("width", "α", "width multiplier: every width is c·α rounded to a multiple of 8", 1.0,
                        0.1, 2.0),
                ImageInput.resolution(224),
                Knob.integer("expansion", "t", "expansion factor of every inverted residual but the first "
                        + "(which keeps t = 1)", 6, 1, 12));
    }

    @Override
    public List<Preset> presets() {
        return List.of(new Preset("mobilenet_v2", name(), "MobileNetV2 1.0-224 (torchvision)", Map.of()));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        double alpha = knobs.real("width");
        int expansion = knobs.integer("expansion");

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        int channels = Channels.makeDivisible(STEM_CHANNELS * alpha, DIVISOR);
        x = ConvBnAct.of(channels, 3).withStride(2).withActivation(Activation.Function.RELU6).add(b, "conv1", x);
        int block = 0;
        for (int[] sequence : SEQUENCES) {
            int out = Channels.makeDivisible(sequence[0] * alpha, DIVISOR);
            for (int i = 0; i < sequence[1]; i++) {
                int stride = i == 0 ? sequence[2] : 1;
                int t = block == 0 ? 1 : expansion;
                block++;
                x = InvertedResidual.of(channels, channels * t, out).withStride(stride).add(b, "block" + block, x);
                channels = out;
            }
        }
        int last = Channels.makeDivisible(LAST_CHANNELS * Math.max(1.0, alpha), DIVISOR);
        x = ConvBnAct.pointwise(last).withActivation(Activation.Function.RELU6).add(b, "conv_last", x);
        ClassifierHead.of(classes(knobs)).withDropout(0.2).add(b, x);
        return b.build();
    }
}
