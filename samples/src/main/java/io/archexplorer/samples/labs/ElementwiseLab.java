package io.archexplorer.samples.labs;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;

/**
 * G4, "element-wise operations are non-negligible" (ShuffleNet V2, Table 4): ten ResNet bottlenecks (1×1 → 3×3 →
 * 1×1) with the ReLUs and the shortcut switched on or off.
 *
 * <p>Our choices, as the paper does not spell them out: the bottleneck is ResNet's, c channels inside and 4c at its
 * input and output (c = 32, 64, 128 for ×1, ×2, ×4, Table 4's columns); ReLU after the first two convolutions and
 * after the shortcut's add (or after the last convolution without shortcut); no batchnorm, since inference folds it
 * into the convolutions and it would only add the same cost to every row. Switching these off changes no FLOPs:
 * an add and a ReLU count no mult-adds, only memory access.
 */
public final class ElementwiseLab implements Family {
    /** Table 4's c of its ×1 column. */
    static final int WIDTH = 32;
    static final int EXPANSION = 4;

    @Override
    public String name() {
        return "lab_g4";
    }

    @Override
    public String title() {
        return "G4: ReLU and shortcut on or off in ResNet bottlenecks";
    }

    @Override
    public String reference() {
        return "Ma et al. 2018, ShuffleNet V2: Practical Guidelines for Efficient CNN Architecture Design, Table 4";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(Knob.toggle("relu", "", "ReLU after each convolution of the bottleneck", true),
                Knob.toggle("shortcut", "", "the identity shortcut added to the bottleneck's output", true),
                LabNets.scale());
    }

    @Override
    public List<Preset> presets() {
        return List.of();
    }

    /** The bottleneck's inner width c: 32 times the scale. */
    public static int width(KnobValues knobs) {
        return WIDTH * LabNets.scale(knobs);
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        int c = width(knobs);
        boolean relu = knobs.toggle("relu");
        boolean shortcut = knobs.toggle("shortcut");
        NetBuilder b = new NetBuilder(netName);
        String x = LabNets.input(b, EXPANSION * c);
        for (int i = 1; i <= LabNets.BLOCKS; i++) {
            try (var scope = b.block("block" + i)) {
                String in = x;
                x = LabNets.pointwise(b, "conv1", x, c, 1);
                x = relu ? b.add("relu1", Activation.relu(), x) : x;
                x = b.add("conv2", new Conv(c, 3, 3, 1, 1, 1, 1, 1, 1, 1, false), x);
                x = relu ? b.add("relu2", Activation.relu(), x) : x;
                x = LabNets.pointwise(b, "conv3", x, EXPANSION * c, 1);
                x = shortcut ? b.add("add", new Add(), in, x) : x;
                x = relu ? b.add("relu3", Activation.relu(), x) : x;
            }
        }
        return b.build();
    }
}
