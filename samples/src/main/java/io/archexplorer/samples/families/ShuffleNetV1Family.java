package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.ClassifierHead;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;

/**
 * ShuffleNet (Zhang et al. 2018, "ShuffleNet: An Extremely Efficient Convolutional Neural Network for Mobile
 * Devices"), the architecture of the paper's Table 1: conv1 3×3/2 (24 channels) + max pool, stages 2–4 of 4, 8 and
 * 4 units whose first unit has stride 2, global average pooling and a 1000-way fc.
 *
 * <p>A unit (Fig. 2b, 2c) is a 1×1 group convolution to a bottleneck of ¼ of the unit's output width + BN + ReLU,
 * a channel shuffle, a 3×3 depthwise convolution + BN and a 1×1 group convolution + BN. At stride 1 the input is
 * added and a ReLU follows; at stride 2 the shortcut is a 3×3/2 average pool concatenated with the main branch,
 * which therefore outputs only (output − input) channels, then a ReLU. The first 1×1 convolution of stage 2 is not
 * grouped, since its input has only 24 channels.
 *
 * <p>Scale factor s ("ShuffleNet s×") multiplies every width of 1×. To keep every group convolution whole, the
 * stage widths are rounded to the nearest multiple of 4·g (the bottleneck is ¼ of them and is split in g groups;
 * all the 1× widths of Table 1 already are such multiples) and conv1's 24·s to the nearest multiple of g, each at
 * least one such multiple. The paper does not say how conv1 scales below 0.5×; it keeps at least 12 channels here
 * (those of 0.5×), which reproduces the paper's 13 MFLOPs for 0.25× (6 channels would give 11 M). Megvii's
 * official code keeps 24 channels at 1.5×, where this rule gives 36 (+2.6 % mult-adds).
 */
public final class ShuffleNetV1Family implements Family {
    private static final int STEM_CHANNELS = 24;
    private static final int MIN_STEM_CHANNELS = 12;
    private static final int[] UNITS_PER_STAGE = {4, 8, 4};

    /** Table 1: output widths of stages 2–4 of ShuffleNet 1× for each number of groups g. */
    private static final Map<Integer, int[]> STAGE_WIDTHS = Map.of(
            1, new int[] {144, 288, 576},
            2, new int[] {200, 400, 800},
            3, new int[] {240, 480, 960},
            4, new int[] {272, 544, 1088},
            8, new int[] {384, 768, 1536});

    @Override
    public String name() {
        return "shufflenet_v1";
    }

    @Override
    public String title() {
        return "ShuffleNet V1";
    }

    @Override
    public String reference() {
        return "Zhang et al. 2018, ShuffleNet: An Extremely Efficient Convolutional Neural Network for Mobile Devices";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.choice("groups", "g", "number of groups of the 1×1 pointwise group convolutions", "3",
                        "1", "2", "3", "4", "8"),
                Knob.real("width", "s", "scale factor of ShuffleNet s×: every width of 1× times s (0.25 to 2 in "
                        + "the paper)", 1.0, 0.25, 2.0),
                Knob.toggle("shuffle", "", "channel shuffle after the first group convolution of each unit; off is "
                        + "the paper's Table 3 ablation", true),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return List.of(new Preset("shufflenet_v1", name(), "ShuffleNet 1× (g = 3)", Map.of()));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        int g = knobs.integer("groups");
        double s = knobs.real("width");
        boolean shuffle = knobs.toggle("shuffle");

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        int channels = roundToMultiple(Math.max(MIN_STEM_CHANNELS, STEM_CHANNELS * s), g);
        x = ShuffleNetStem.add(b, x, channels);
        for (int stage = 0; stage < UNITS_PER_STAGE.length; stage++) {
            int out = roundToMultiple(STAGE_WIDTHS.get(g)[stage] * s, 4 * g);
            for (int unit = 0; unit < UNITS_PER_STAGE[stage]; unit++) {
                try (var scope = b.block("stage" + (stage + 2) + ".unit" + (unit + 1))) {
                    if (unit == 0) {
                        int firstGroups = stage == 0 ? 1 : g;
                        x = downsamplingUnit(b, x, channels, out, firstGroups, g, shuffle);
                    } else {
                        x = unit(b, x, out, g, shuffle);
                    }
                }
                channels = out;
            }
        }
        ClassifierHead.of(classes(knobs)).add(b, x);
        return b.build();
    }

    private static String unit(NetBuilder b, String in, int channels, int g, boolean shuffle) {
        String main = mainBranch(b, in, channels / 4, channels, 1, g, g, shuffle);
        String sum = b.add("add", new Add(), in, main);
        return b.add("relu", Activation.relu(), sum);
    }

    private static String downsamplingUnit(NetBuilder b, String in, int inChannels, int outChannels,
                                           int firstGroups, int g, boolean shuffle) {
        String shortcut = b.add("shortcut", Pool.avg(3, 2, 1), in);
        String main = mainBranch(b, in, outChannels / 4, outChannels - inChannels, 2, firstGroups, g, shuffle);
        String concat = b.add("concat", new Concat(), shortcut, main);
        return b.add("relu", Activation.relu(), concat);
    }

    private static String mainBranch(NetBuilder b, String in, int bottleneck, int outChannels, int stride,
                                     int firstGroups, int g, boolean shuffle) {
        String x = ConvBnAct.pointwise(bottleneck).withGroups(firstGroups).add(b, "gconv1", in);
        // Shuffling only mixes something after a grouped convolution.
        if (shuffle && firstGroups > 1) {
            x = b.add("shuffle", new ChannelShuffle(g), x);
        }
        x = ConvBnAct.depthwise(bottleneck, 3).withStride(stride).withoutActivation().add(b, "depthwise", x);
        return ConvBnAct.pointwise(outChannels).withGroups(g).withoutActivation().add(b, "gconv2", x);
    }

    /** The multiple of {@code multiple} nearest to {@code channels}, at least {@code multiple}. */
    private static int roundToMultiple(double channels, int multiple) {
        return (int) Math.max(multiple, Math.round(channels / multiple) * multiple);
    }
}
