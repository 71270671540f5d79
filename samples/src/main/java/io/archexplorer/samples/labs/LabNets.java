package io.archexplorer.samples.labs;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;

/**
 * What the four guideline nets share, as ShuffleNet V2 sets its experiments up: a 56×56 feature map (the input
 * already has the block's channels, there is no stem), 10 blocks stacked, and the channel counts of the paper's
 * tables, chosen by which device's column they come from and scaled by ×1, ×2 or ×4.
 */
final class LabNets {
    /** The side of every feature map of the experiments. */
    static final int SIDE = 56;
    /** How many times each experiment stacks its block. */
    static final int BLOCKS = 10;

    private LabNets() {
    }

    /** Which of the paper's channel sets: the GPU column's or the (smaller) ARM column's. */
    static Knob device() {
        return Knob.choice("device", "", "whose channel counts: the paper's GPU (GTX 1080Ti) or ARM "
                + "(Snapdragon 810) column", "gpu", "gpu", "arm");
    }

    /** The ×1, ×2, ×4 of the paper's columns. */
    static Knob scale() {
        return Knob.choice("scale", "×", "the paper's ×1, ×2, ×4: every channel count of the ×1 column times this",
                "1", "1", "2", "4");
    }

    static boolean forArm(KnobValues knobs) {
        return knobs.choice("device").equals("arm");
    }

    static int scale(KnobValues knobs) {
        return Integer.parseInt(knobs.choice("scale"));
    }

    static String input(NetBuilder b, int channels) {
        return b.add("input", new Input(1, channels, SIDE, SIDE));
    }

    /** A 1×1 convolution without bias, batchnorm or activation: the paper's blocks are convolutions only. */
    static String pointwise(NetBuilder b, String name, String input, int outChannels, int groups) {
        return b.add(name, new Conv(outChannels, 1, 1, 1, 1, 0, 0, 1, 1, groups, false), input);
    }
}
