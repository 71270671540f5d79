package io.archexplorer.samples.labs;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * G1, "equal channel width minimizes memory access cost" (ShuffleNet V2, Table 1): each block is two 1×1
 * convolutions, c1 → c2 → c1, and the ratio c1:c2 changes while c1·c2 (the FLOPs) stays about fixed, with the
 * paper's (c1, c2) pairs.
 */
public final class ChannelRatioLab implements Family {
    static final List<String> RATIOS = List.of("1:1", "1:2", "1:6", "1:12");

    /** Table 1's (c1, c2) at ×1, in the order of {@link #RATIOS}. */
    private static final Map<String, int[]> GPU_PAIRS = Map.of("1:1", new int[] {128, 128}, "1:2", new int[] {90, 180},
            "1:6", new int[] {52, 312}, "1:12", new int[] {36, 432});
    private static final Map<String, int[]> ARM_PAIRS = Map.of("1:1", new int[] {32, 32}, "1:2", new int[] {22, 44},
            "1:6", new int[] {13, 78}, "1:12", new int[] {9, 108});

    @Override
    public String name() {
        return "lab_g1";
    }

    @Override
    public String title() {
        return "G1: channel ratio c1:c2 at equal FLOPs";
    }

    @Override
    public String reference() {
        return "Ma et al. 2018, ShuffleNet V2: Practical Guidelines for Efficient CNN Architecture Design, Table 1";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(Knob.choice("ratio", "c1:c2", "input to output width of the first 1×1 convolution of each block",
                "1:1", RATIOS.toArray(String[]::new)), LabNets.device(), LabNets.scale());
    }

    @Override
    public List<Preset> presets() {
        return List.of();
    }

    /** The (c1, c2) of these knobs: the paper's pair times the scale. */
    public static int[] widths(KnobValues knobs) {
        int[] pair = (LabNets.forArm(knobs) ? ARM_PAIRS : GPU_PAIRS).get(knobs.choice("ratio"));
        int s = LabNets.scale(knobs);
        return new int[] {pair[0] * s, pair[1] * s};
    }

    /** Table 1's closed form for the whole net: 20 layers of hw(c1 + c2) + c1·c2 each. */
    public static OptionalLong closedFormMac(KnobValues knobs) {
        int[] c = widths(knobs);
        long hw = (long) LabNets.SIDE * LabNets.SIDE;
        return OptionalLong.of(2L * LabNets.BLOCKS * (hw * (c[0] + c[1]) + (long) c[0] * c[1]));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        int[] c = widths(knobs);
        NetBuilder b = new NetBuilder(netName);
        String x = LabNets.input(b, c[0]);
        for (int i = 1; i <= LabNets.BLOCKS; i++) {
            try (var scope = b.block("block" + i)) {
                x = LabNets.pointwise(b, "conv1", x, c[1], 1);
                x = LabNets.pointwise(b, "conv2", x, c[0], 1);
            }
        }
        return b.build();
    }
}
