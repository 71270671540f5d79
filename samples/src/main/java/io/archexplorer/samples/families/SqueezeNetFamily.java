package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.Channels;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobException;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SqueezeNet (Iandola et al. 2016, "SqueezeNet: AlexNet-level accuracy with 50x fewer parameters and &lt;0.5MB model
 * size"): eight Fire modules, each squeezing its input with 1×1 convolutions and expanding it again with parallel
 * 1×1 and 3×3 convolutions. The widths follow the paper's metaparameters (Section 5): fire module i (0 for fire2)
 * expands to e_i = base_e + incr_e·floor(i / freq) channels, pct_3x3 of them 3×3, after squeezing to SR·e_i
 * channels. Version 1.1 (torchvision, from the authors' repository) has a 3×3 stem with 64 channels and pools
 * earlier, for 2.4× less computation. The simple bypass (Section 6) adds the input of fire3, fire5, fire7 and
 * fire9 to their output.
 */
public final class SqueezeNetFamily implements Family {
    private static final int BASE_E = 128;
    private static final int INCR_E = 128;
    private static final int FREQ = 2;
    private static final int FIRE_MODULES = 8;
    /** Fire modules whose input and output widths are equal, so the paper's simple bypass can skip them. */
    private static final Set<Integer> BYPASSED = Set.of(3, 5, 7, 9);

    /** Where the stem and the max pools differ between the versions. */
    private record Layout(ConvBnAct stem, Set<Integer> poolAfterFire) {
    }

    private static final Map<String, Layout> LAYOUTS = Map.of(
            "1.0", new Layout(ConvBnAct.convRelu(96, 7).withStride(2).withPadding(0), Set.of(4, 8)),
            "1.1", new Layout(ConvBnAct.convRelu(64, 3).withStride(2).withPadding(0), Set.of(3, 5)));

    @Override
    public String name() {
        return "squeezenet";
    }

    @Override
    public String title() {
        return "SqueezeNet";
    }

    @Override
    public String reference() {
        return "Iandola et al. 2016, SqueezeNet: AlexNet-level accuracy with 50x fewer parameters";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.choice("version", "", "1.0 (the paper: 7×7 stem, pools after fire4 and fire8) or 1.1 "
                        + "(3×3 stem, pools after fire3 and fire5)", "1.0", "1.0", "1.1"),
                Knob.real("squeeze_ratio", "SR", "squeeze channels as a fraction of the expand channels",
                        0.125, 0.0, 1.0),
                Knob.real("pct_3x3", "pct_3x3", "fraction of the expand channels that are 3×3 filters",
                        0.5, 0.0, 1.0),
                Knob.choice("bypass", "", "identity shortcut around fire3, fire5, fire7 and fire9 (simple) or "
                        + "none", "none", "none", "simple"),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return List.of(
                new Preset("squeezenet1_0", name(), "SqueezeNet 1.0", Map.of("version", "1.0")),
                new Preset("squeezenet1_1", name(), "SqueezeNet 1.1", Map.of("version", "1.1")));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        Layout layout = LAYOUTS.get(knobs.choice("version"));
        double squeezeRatio = knobs.real("squeeze_ratio");
        double pct3x3 = knobs.real("pct_3x3");
        boolean bypass = knobs.choice("bypass").equals("simple");

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        x = layout.stem().add(b, "conv1", x);
        x = b.add("maxpool1", maxPool(), x);
        for (int i = 0; i < FIRE_MODULES; i++) {
            int fire = i + 2;
            int expand = BASE_E + INCR_E * (i / FREQ);
            int squeeze = width("squeeze_ratio", Channels.scaled(squeezeRatio, expand), "squeeze", fire);
            int expand3x3 = width("pct_3x3", Channels.scaled(pct3x3, expand), "3×3 expand", fire);
            int expand1x1 = width("pct_3x3", expand - expand3x3, "1×1 expand", fire);
            try (var s = b.block("fire" + fire)) {
                String out = fireModule(b, x, squeeze, expand1x1, expand3x3);
                x = bypass && BYPASSED.contains(fire) ? b.add("bypass", new Add(), out, x) : out;
            }
            if (layout.poolAfterFire().contains(fire)) {
                x = b.add("maxpool" + fire, maxPool(), x);
            }
        }
        x = b.add("dropout", new Dropout(0.5), x);
        x = ConvBnAct.convRelu(classes(knobs), 1).add(b, "conv10", x);
        x = b.add("avgpool", new GlobalAvgPool(), x);
        b.add("flatten", new Flatten(), x);
        return b.build();
    }

    private static int width(String knob, int channels, String what, int fire) {
        if (channels < 1) {
            throw new KnobException(knob, "leaves fire" + fire + " no " + what + " channels");
        }
        return channels;
    }

    private static String fireModule(NetBuilder b, String in, int squeeze, int expand1x1, int expand3x3) {
        String s = ConvBnAct.convRelu(squeeze, 1).add(b, "squeeze", in);
        String e1 = ConvBnAct.convRelu(expand1x1, 1).add(b, "expand1x1", s);
        String e3 = ConvBnAct.convRelu(expand3x3, 3).add(b, "expand3x3", s);
        return b.add("concat", new Concat(), e1, e3);
    }

    private static Pool maxPool() {
        return Pool.max(3, 2, 0).withCeilMode();
    }
}
