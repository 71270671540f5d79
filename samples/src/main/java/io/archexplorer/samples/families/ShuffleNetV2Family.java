package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.ClassifierHead;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;

/**
 * ShuffleNet V2 (Ma et al. 2018, "ShuffleNet V2: Practical Guidelines for Efficient CNN Architecture Design"),
 * laid out as torchvision's {@code shufflenet_v2_x*}: conv1 3×3/2 + max pool, stages 2–4 of 4, 8 and 4 units, a
 * 1×1 conv5, global average pooling and a 1000-way fc (Table 5).
 *
 * <p>A unit of stride 1 splits its channels in half: the first half passes through, the second goes through
 * 1×1 conv + BN + ReLU, 3×3 depthwise + BN, 1×1 conv + BN + ReLU (branch2). A unit of stride 2 feeds its whole
 * input to both branch1 (3×3 depthwise /2 + BN, 1×1 conv + BN + ReLU) and branch2, so it doubles the width. The two
 * halves are concatenated and shuffled with 2 groups so that the next split mixes them.
 */
public final class ShuffleNetV2Family implements Family {
    private static final int[] UNITS_PER_STAGE = {4, 8, 4};

    /** Table 5: output channels of conv1, stages 2–4 and conv5 for each width. */
    private static final Map<String, int[]> STAGE_OUT_CHANNELS = Map.of(
            "0.5", new int[] {24, 48, 96, 192, 1024},
            "1.0", new int[] {24, 116, 232, 464, 1024},
            "1.5", new int[] {24, 176, 352, 704, 1024},
            "2.0", new int[] {24, 244, 488, 976, 2048});

    @Override
    public String name() {
        return "shufflenet_v2";
    }

    @Override
    public String title() {
        return "ShuffleNet V2";
    }

    @Override
    public String reference() {
        return "Ma et al. 2018, ShuffleNet V2: Practical Guidelines for Efficient CNN Architecture Design";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.choice("width", "", "network width (the paper's 0.5×, 1×, 1.5×, 2×: output channels of "
                        + "Table 5)", "1.0", "0.5", "1.0", "1.5", "2.0"),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return List.of(
                preset("shufflenet_v2_x0_5", "0.5"),
                preset("shufflenet_v2_x1_0", "1.0"),
                preset("shufflenet_v2_x1_5", "1.5"),
                preset("shufflenet_v2_x2_0", "2.0"));
    }

    private Preset preset(String name, String width) {
        return new Preset(name, name(), "ShuffleNet V2 " + width + "× (torchvision)", Map.of("width", width));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        int[] widths = STAGE_OUT_CHANNELS.get(knobs.choice("width"));

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        x = ShuffleNetStem.add(b, x, widths[0]);
        int channels = widths[0];
        for (int stage = 0; stage < UNITS_PER_STAGE.length; stage++) {
            int out = widths[stage + 1];
            for (int unit = 0; unit < UNITS_PER_STAGE[stage]; unit++) {
                try (var s = b.block("stage" + (stage + 2) + ".unit" + (unit + 1))) {
                    x = unit == 0 ? downsamplingUnit(b, x, channels, out) : unit(b, x, out);
                }
            }
            channels = out;
        }
        x = ConvBnAct.pointwise(widths[4]).add(b, "conv5", x);
        ClassifierHead.of(classes(knobs)).add(b, x);
        return b.build();
    }

    /** Stride 1: the first half of the channels passes through, branch2 transforms the second half. */
    private static String unit(NetBuilder b, String in, int channels) {
        int half = channels / 2;
        String passThrough = b.add("split_keep", new ChannelSlice(0, half), in);
        String transformed = b.add("split_transform", new ChannelSlice(half, channels), in);
        String branch2 = branch2(b, transformed, half, 1);
        return concatAndShuffle(b, passThrough, branch2);
    }

    /** Stride 2: both branches see the whole input and halve its side; their concatenation doubles the width. */
    private static String downsamplingUnit(NetBuilder b, String in, int inChannels, int outChannels) {
        int half = outChannels / 2;
        String x = ConvBnAct.depthwise(inChannels, 3).withStride(2).withoutActivation().add(b, "branch1_depthwise", in);
        String branch1 = ConvBnAct.pointwise(half).add(b, "branch1_pointwise", x);
        String branch2 = branch2(b, in, half, 2);
        return concatAndShuffle(b, branch1, branch2);
    }

    private static String branch2(NetBuilder b, String in, int channels, int stride) {
        String x = ConvBnAct.pointwise(channels).add(b, "branch2_pointwise1", in);
        x = ConvBnAct.depthwise(channels, 3).withStride(stride).withoutActivation().add(b, "branch2_depthwise", x);
        return ConvBnAct.pointwise(channels).add(b, "branch2_pointwise2", x);
    }

    private static String concatAndShuffle(NetBuilder b, String first, String second) {
        String x = b.add("concat", new Concat(), first, second);
        return b.add("shuffle", new ChannelShuffle(2), x);
    }
}
