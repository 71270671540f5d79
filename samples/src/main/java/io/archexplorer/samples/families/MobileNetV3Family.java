package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.Channels;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.blocks.InvertedResidual;
import io.archexplorer.samples.blocks.SqueezeExcitation;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;

/**
 * MobileNetV3 (Howard et al. 2019, "Searching for MobileNetV3"), laid out as torchvision's {@code mobilenet_v3_large}
 * and {@code mobilenet_v3_small}: a 3×3/2 convolution to 16 channels ({@code features.0}), the inverted residuals of
 * the paper's Tables 1 and 2 ({@code features.1} …), a 1×1 convolution to 6× the last block's width, global average
 * pooling, and a classifier of two fully connected layers (1280 or 1024 hidden units, hard-swish, dropout 0.2).
 *
 * <p>Each block lists its own kernel, expanded width, output width, squeeze-and-excitation and activation: the
 * search found them, no rule derives them. The squeeze-and-excitation squeezes to a quarter of the expanded width
 * (rounded to a multiple of 8) and gates with hard-sigmoid. The width multiplier α scales every width with
 * torchvision's {@code _make_divisible} (multiples of 8), the classifier's hidden layer too; the reduced tail halves
 * the last stage and the hidden layer, as the paper does for detection and segmentation. Batchnorms use eps 0.001.
 */
public final class MobileNetV3Family implements Family {
    private static final int STEM_CHANNELS = 16;
    private static final int DIVISOR = 8;
    private static final double BN_EPS = 0.001;
    private static final double DROPOUT = 0.2;

    /**
     * One row of Table 1 or 2: kernel k, expanded width, output width, squeeze-and-excitation, hard-swish (else
     * ReLU), stride, and what of it the reduced tail halves.
     */
    private record Bneck(int kernel, int expanded, int out, boolean se, boolean hardSwish, int stride, Tail tail) {
    }

    /** The last stage's first block widens the untouched channels before it, so its expansion stays full. */
    private enum Tail {
        NONE, OUTPUT, BLOCK
    }

    private static final List<Bneck> LARGE = List.of(
            new Bneck(3, 16, 16, false, false, 1, Tail.NONE),
            new Bneck(3, 64, 24, false, false, 2, Tail.NONE),
            new Bneck(3, 72, 24, false, false, 1, Tail.NONE),
            new Bneck(5, 72, 40, true, false, 2, Tail.NONE),
            new Bneck(5, 120, 40, true, false, 1, Tail.NONE),
            new Bneck(5, 120, 40, true, false, 1, Tail.NONE),
            new Bneck(3, 240, 80, false, true, 2, Tail.NONE),
            new Bneck(3, 200, 80, false, true, 1, Tail.NONE),
            new Bneck(3, 184, 80, false, true, 1, Tail.NONE),
            new Bneck(3, 184, 80, false, true, 1, Tail.NONE),
            new Bneck(3, 480, 112, true, true, 1, Tail.NONE),
            new Bneck(3, 672, 112, true, true, 1, Tail.NONE),
            new Bneck(5, 672, 160, true, true, 2, Tail.OUTPUT),
            new Bneck(5, 960, 160, true, true, 1, Tail.BLOCK),
            new Bneck(5, 960, 160, true, true, 1, Tail.BLOCK));

    private static final List<Bneck> SMALL = List.of(
            new Bneck(3, 16, 16, true, false, 2, Tail.NONE),
            new Bneck(3, 72, 24, false, false, 2, Tail.NONE),
            new Bneck(3, 88, 24, false, false, 1, Tail.NONE),
            new Bneck(5, 96, 40, true, true, 2, Tail.NONE),
            new Bneck(5, 240, 40, true, true, 1, Tail.NONE),
            new Bneck(5, 240, 40, true, true, 1, Tail.NONE),
            new Bneck(5, 120, 48, true, true, 1, Tail.NONE),
            new Bneck(5, 144, 48, true, true, 1, Tail.NONE),
            new Bneck(5, 288, 96, true, true, 2, Tail.OUTPUT),
            new Bneck(5, 576, 96, true, true, 1, Tail.BLOCK),
            new Bneck(5, 576, 96, true, true, 1, Tail.BLOCK));

    @Override
    public String name() {
        return "mobilenet_v3";
    }

    @Override
    public String title() {
        return "MobileNet V3";
    }

    @Override
    public String reference() {
        return "Howard et al. 2019, Searching for MobileNetV3";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.choice("size", "", "large (Table 1: 15 blocks, 1280 hidden units) or small (Table 2: 11 "
                        + "blocks, 1024 hidden units), searched for high and low resource use", "large", "large",
                        "small"),
                Knob.real("width", "α", "width multiplier: every width, the classifier's hidden layer too, is c·α "
                        + "rounded to a multiple of 8", 1.0, 0.1, 2.0),
                Knob.toggle("se", "", "squeeze-and-excitation (hard-sigmoid gate) in the blocks Tables 1 and 2 "
                        + "mark SE; off removes them all", true),
                Knob.choice("activation", "", "the non-linearity of the blocks Tables 1 and 2 mark HS, the last "
                        + "convolution and the classifier: hard_swish (the paper) or relu (its ablation)",
                        "hard_swish", "hard_swish", "relu"),
                Knob.toggle("reduced_tail", "", "halve the channels of the last stage and the classifier's hidden "
                        + "layer, as the paper does for detection and segmentation", false),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return List.of(
                new Preset("mobilenet_v3_large", name(), "MobileNetV3-Large 1.0-224 (torchvision)",
                        Map.of("size", "large")),
                new Preset("mobilenet_v3_small", name(), "MobileNetV3-Small 1.0-224 (torchvision)",
                        Map.of("size", "small")));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        boolean large = knobs.choice("size").equals("large");
        double alpha = knobs.real("width");
        boolean squeeze = knobs.toggle("se");
        Activation.Function hardSwish = knobs.choice("activation").equals("relu")
                ? Activation.Function.RELU : Activation.Function.HARD_SWISH;
        int tailDivider = knobs.toggle("reduced_tail") ? 2 : 1;

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        int channels = Channels.makeDivisible(STEM_CHANNELS * alpha, DIVISOR);
        try (var stem = b.block("features.0")) {
            x = ConvBnAct.of(channels, 3).withStride(2).withBatchNormEps(BN_EPS).withActivation(hardSwish)
                    .add(b, "conv", x);
        }
        List<Bneck> table = large ? LARGE : SMALL;
        for (int i = 0; i < table.size(); i++) {
            Bneck row = table.get(i);
            int expandedDivider = row.tail() == Tail.BLOCK ? tailDivider : 1;
            int outDivider = row.tail() == Tail.NONE ? 1 : tailDivider;
            int expanded = Channels.makeDivisible(row.expanded() / expandedDivider * alpha, DIVISOR);
            int out = Channels.makeDivisible(row.out() / outDivider * alpha, DIVISOR);
            InvertedResidual block = InvertedResidual.of(channels, expanded, out).withKernel(row.kernel())
                    .withStride(row.stride()).withBatchNormEps(BN_EPS)
                    .withActivation(row.hardSwish() ? hardSwish : Activation.Function.RELU);
            if (squeeze && row.se()) {
                block = block.withSqueezeExcitation(new SqueezeExcitation(expanded,
                        Channels.makeDivisible(expanded / 4, DIVISOR), Activation.Function.RELU,
                        Activation.Function.HARD_SIGMOID));
            }
            x = block.add(b, "features." + (i + 1), x);
            channels = out;
        }
        int lastConv = 6 * channels;
        try (var last = b.block("features." + (table.size() + 1))) {
            x = ConvBnAct.pointwise(lastConv).withBatchNormEps(BN_EPS).withActivation(hardSwish).add(b, "conv", x);
        }
        int hidden = Channels.makeDivisible((large ? 1280 : 1024) / tailDivider * alpha, DIVISOR);
        x = b.add("avgpool", new GlobalAvgPool(), x);
        x = b.add("flatten", new Flatten(), x);
        try (var scope = b.block("classifier")) {
            x = b.add("fc1", new FullyConnected(hidden, true), x);
            x = b.add("fc1_" + hardSwish.kind(), new Activation(hardSwish), x);
            x = b.add("dropout", new Dropout(DROPOUT), x);
            b.add("fc2", new FullyConnected(classes(knobs), true), x);
        }
        return b.build();
    }
}
