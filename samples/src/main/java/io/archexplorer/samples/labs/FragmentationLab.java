package io.archexplorer.samples.labs;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;

/**
 * G3, "network fragmentation reduces degree of parallelism" (ShuffleNet V2, Table 3 and Appendix Figure 1): blocks
 * of 1 to 4 1×1 convolutions in series or in parallel, at the FLOPs of the 1-fragment block, c → c.
 *
 * <p>The appendix only draws the blocks; how they keep the FLOPs is our choice, stated here. 1-fragment: one 1×1
 * convolution c → c (c² per pixel). n-fragment-parallel: n 1×1 convolutions c → c/n side by side on the block's
 * input, concatenated (exactly c² per pixel). 2-fragment-series: c → c/2 → c (exactly c²). 4-fragment-series:
 * c → m → m → m → c with m the whole number nearest to (√3 − 1)/2 · c, which solves 2cm + 2m² = c² (within 3 %).
 */
public final class FragmentationLab implements Family {
    static final List<String> STRUCTURES = List.of("1-fragment", "2-fragment-series", "4-fragment-series",
            "2-fragment-parallel", "4-fragment-parallel");

    @Override
    public String name() {
        return "lab_g3";
    }

    @Override
    public String title() {
        return "G3: fragments in series or in parallel at equal FLOPs";
    }

    @Override
    public String reference() {
        return "Ma et al. 2018, ShuffleNet V2: Practical Guidelines for Efficient CNN Architecture Design, Table 3";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(Knob.choice("structure", "", "how many 1×1 convolutions make a block, and how they are "
                + "arranged", "1-fragment", STRUCTURES.toArray(String[]::new)), LabNets.device(), LabNets.scale());
    }

    @Override
    public List<Preset> presets() {
        return List.of();
    }

    /** The block's width c: Table 3's 128 (GPU) or 64 (ARM) times the scale. */
    public static int width(KnobValues knobs) {
        return (LabNets.forArm(knobs) ? 64 : 128) * LabNets.scale(knobs);
    }

    /** The inner width of the 4-fragment series, solving 2cm + 2m² = c² for the FLOPs of one c → c convolution. */
    static int seriesInnerWidth(int c) {
        return (int) Math.round((Math.sqrt(3) - 1) / 2 * c);
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        int c = width(knobs);
        String structure = knobs.choice("structure");
        int fragments = Integer.parseInt(structure.substring(0, 1));
        boolean parallel = structure.endsWith("parallel");
        NetBuilder b = new NetBuilder(netName);
        String x = LabNets.input(b, c);
        for (int i = 1; i <= LabNets.BLOCKS; i++) {
            try (var scope = b.block("block" + i)) {
                x = parallel ? parallel(b, x, c, fragments) : series(b, x, c, fragments);
            }
        }
        return b.build();
    }

    private static String series(NetBuilder b, String in, int c, int fragments) {
        int inner = switch (fragments) {
            case 1 -> c;
            case 2 -> c / 2;
            default -> seriesInnerWidth(c);
        };
        String x = in;
        for (int f = 1; f <= fragments; f++) {
            x = LabNets.pointwise(b, "conv" + f, x, f == fragments ? c : inner, 1);
        }
        return x;
    }

    private static String parallel(NetBuilder b, String in, int c, int fragments) {
        String[] branches = new String[fragments];
        for (int f = 0; f < fragments; f++) {
            branches[f] = LabNets.pointwise(b, "conv" + (f + 1), in, c / fragments, 1);
        }
        return b.add("concat", new Concat(), branches);
    }
}
