package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.Block;
import io.archexplorer.samples.blocks.ClassifierHead;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.blocks.SeparableConv;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Xception (Chollet 2017, "Xception: Deep Learning with Depthwise Separable Convolutions", Figure 5): an Inception
 * module taken to the extreme, one 3×3 spatial filter per channel after a 1×1 across channels, i.e. a depthwise
 * separable convolution. The entry flow (two plain convolutions and three blocks that halve the side), the middle
 * flow (eight blocks of three separable convolutions at 19×19×728) and the exit flow (a halving block and two
 * separable convolutions to 2048) all have residual connections, through a strided 1×1 convolution where the
 * shape changes.
 *
 * <p>The figure leaves the order of activation, separable convolution and batchnorm open; the layout follows the
 * reference implementation timm's {@code legacy_xception} (Cadene's port of the Keras model), which the tests match
 * layer by layer: each block's separable convolutions are ReLU, depthwise 3×3, pointwise 1×1, batchnorm, no
 * ReLU before the first one of the entry flow, the max pool 3×3/2 padded by 1, and the shortcut convolution
 * computed after the block's branch. The exit flow's separable convolutions are followed by batchnorm and ReLU.
 *
 * <p>{@code separable=off} is the paper's baseline in spirit: every separable convolution becomes a full 3×3
 * convolution (an Inception module with one branch), to show what the factorization saves. {@code residual=off} is
 * the paper's Figure 9 experiment, the same net without any shortcut.
 */
public final class XceptionFamily implements Family {
    private static final int MIDDLE_WIDTH = 728;

    @Override
    public String name() {
        return "xception";
    }

    @Override
    public String title() {
        return "Xception";
    }

    @Override
    public String reference() {
        return "Chollet 2017, Xception: Deep Learning with Depthwise Separable Convolutions";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.integer("middle_blocks", "", "blocks of three 728-channel separable convolutions in the middle "
                        + "flow (8 in the paper)", 8, 0, 32),
                Knob.toggle("separable", "", "depthwise 3×3 then pointwise 1×1 (on); off: a full 3×3 convolution in "
                        + "its place", true),
                Knob.toggle("residual", "", "shortcut around every block (on); off: the paper's Figure 9 net "
                        + "without residual connections", true),
                ImageInput.resolution(299));
    }

    @Override
    public List<Preset> presets() {
        return List.of(new Preset("xception", name(), "Xception (timm's legacy_xception, 299×299)", Map.of()));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        return MinimumResolution.build("Xception", knobs.integer("resolution"),
                resolution -> assemble(netName, knobs, resolution));
    }

    private Net assemble(String netName, KnobValues knobs, int resolution) {
        Flow flow = new Flow(knobs.toggle("separable"), knobs.toggle("residual"));
        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, resolution);
        try (var entry = b.block("entry_flow")) {
            try (var stem = b.block("stem")) {
                x = ConvBnAct.of(32, 3).withStride(2).withPadding(0).add(b, "conv1", x);
                x = ConvBnAct.of(64, 3).withPadding(0).add(b, "conv2", x);
            }
            x = flow.block(b, "block1", x, 64, 128, 2, 2, false, true);
            x = flow.block(b, "block2", x, 128, 256, 2, 2, true, true);
            x = flow.block(b, "block3", x, 256, MIDDLE_WIDTH, 2, 2, true, true);
        }
        int middle = knobs.integer("middle_blocks");
        if (middle > 0) {
            try (var m = b.block("middle_flow")) {
                for (int i = 1; i <= middle; i++) {
                    x = flow.block(b, "block" + i, x, MIDDLE_WIDTH, MIDDLE_WIDTH, 3, 1, true, true);
                }
            }
        }
        try (var exit = b.block("exit_flow")) {
            x = flow.block(b, "block1", x, MIDDLE_WIDTH, 1024, 2, 2, true, false);
            x = flow.conv(1024, 1536, Optional.empty(), true).add(b, flow.unitName() + 1, x);
            x = flow.conv(1536, 2048, Optional.empty(), true).add(b, flow.unitName() + 2, x);
        }
        ClassifierHead.of(classes(knobs)).add(b, x);
        return b.build();
    }

    /** The knobs every block of the three flows follows. */
    private record Flow(boolean separable, boolean residual) {

        /**
         * A block of {@code reps} convolutions from {@code in} to {@code out} channels, widening at the first
         * ({@code growFirst}) or the last, ending in a max pool when strided, with its shortcut.
         */
        String block(NetBuilder b, String name, String input, int in, int out, int reps, int stride,
                     boolean startWithRelu, boolean growFirst) {
            try (var block = b.block(name)) {
                String x = input;
                for (int i = 0; i < reps; i++) {
                    int from = growFirst ? (i == 0 ? in : out) : in;
                    int to = growFirst || i == reps - 1 ? out : in;
                    Optional<Activation.Function> pre = i == 0 && !startWithRelu ? Optional.empty()
                            : Optional.of(Activation.Function.RELU);
                    x = conv(from, to, pre, false).add(b, unitName() + (i + 1), x);
                }
                if (stride != 1) {
                    x = b.add("pool", Pool.max(3, stride, 1), x);
                }
                if (!residual) {
                    return x;
                }
                String shortcut = input;
                if (stride != 1 || in != out) {
                    shortcut = ConvBnAct.pointwise(out).withStride(stride).withoutActivation().add(b, "skip", input);
                }
                return b.add("add", new Add(), x, shortcut);
            }
        }

        /** A separable (or, with separable off, full) 3×3 convolution with its batchnorm. */
        Block conv(int in, int out, Optional<Activation.Function> pre, boolean activated) {
            if (separable) {
                ConvBnAct pointwise = ConvBnAct.pointwise(out);
                return new SeparableConv(pre, ConvBnAct.depthwise(in, 3).withoutBatchNorm().withoutActivation(),
                        activated ? pointwise : pointwise.withoutActivation());
            }
            ConvBnAct full = activated ? ConvBnAct.of(out, 3) : ConvBnAct.of(out, 3).withoutActivation();
            return (b, name, input) -> {
                try (var unit = b.block(name)) {
                    String x = input;
                    if (pre.isPresent()) {
                        x = b.add(pre.get().kind(), new Activation(pre.get()), x);
                    }
                    return full.add(b, "conv", x);
                }
            };
        }

        String unitName() {
            return separable ? "sepconv" : "conv";
        }
    }
}
