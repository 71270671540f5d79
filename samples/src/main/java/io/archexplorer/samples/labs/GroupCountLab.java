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
 * G2, "excessive group convolution increases MAC" (ShuffleNet V2, Table 2): ten 1×1 group convolutions c → c with
 * g groups, the width c grown with g as the paper's table does so that c²/g (the FLOPs) stays about fixed.
 */
public final class GroupCountLab implements Family {
    static final List<String> GROUPS = List.of("1", "2", "4", "8");

    /**
     * Table 2's c at ×1 for g = 1, 2, 4, 8. The ARM column's c = 180 at g = 8 cannot be split into 8 groups; 184 is
     * the multiple of 8 whose c²/g is nearest to the other rows' (+3.3 %; 176 would be −5.5 %).
     */
    private static final Map<Integer, Integer> GPU_WIDTHS = Map.of(1, 128, 2, 180, 4, 256, 8, 360);
    static final int ARM_G8_WIDTH = 184;
    private static final Map<Integer, Integer> ARM_WIDTHS = Map.of(1, 64, 2, 90, 4, 128, 8, ARM_G8_WIDTH);

    @Override
    public String name() {
        return "lab_g2";
    }

    @Override
    public String title() {
        return "G2: groups g of 1×1 convolutions at equal FLOPs";
    }

    @Override
    public String reference() {
        return "Ma et al. 2018, ShuffleNet V2: Practical Guidelines for Efficient CNN Architecture Design, Table 2";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(Knob.choice("groups", "g", "groups of every 1×1 convolution", "1",
                GROUPS.toArray(String[]::new)), LabNets.device(), LabNets.scale());
    }

    @Override
    public List<Preset> presets() {
        return List.of();
    }

    /** The width c of these knobs: the paper's times the scale. */
    public static int width(KnobValues knobs) {
        int g = knobs.integer("groups");
        return (LabNets.forArm(knobs) ? ARM_WIDTHS : GPU_WIDTHS).get(g) * LabNets.scale(knobs);
    }

    /** Table 2's closed form for the whole net: 10 layers of hw(c1 + c2) + c1·c2/g each, c1 = c2 = c. */
    public static OptionalLong closedFormMac(KnobValues knobs) {
        long c = width(knobs);
        long hw = (long) LabNets.SIDE * LabNets.SIDE;
        return OptionalLong.of(LabNets.BLOCKS * (hw * (c + c) + c * c / knobs.integer("groups")));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        int c = width(knobs);
        int g = knobs.integer("groups");
        NetBuilder b = new NetBuilder(netName);
        String x = LabNets.input(b, c);
        for (int i = 1; i <= LabNets.BLOCKS; i++) {
            try (var scope = b.block("block" + i)) {
                x = LabNets.pointwise(b, "conv", x, c, g);
            }
        }
        return b.build();
    }
}
