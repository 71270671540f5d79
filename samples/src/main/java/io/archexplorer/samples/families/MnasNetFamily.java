package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.Channels;
import io.archexplorer.samples.blocks.ClassifierHead;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.blocks.InvertedResidual;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;

/**
 * MnasNet-A1 without squeeze-and-excitation (Tan et al. 2019, "MnasNet: Platform-Aware Neural Architecture Search
 * for Mobile"), laid out as torchvision's {@code mnasnet0_5} and {@code mnasnet1_0}: a 3×3/2 convolution
 * ({@code layers.0}), a separable 3×3 convolution to 16 channels ({@code layers.3}), six stacks of inverted
 * residuals ({@code layers.8.0} …, torchvision's indices), a 1×1 convolution to 1280 channels ({@code layers.14}),
 * global average pooling, dropout 0.2 and a 1000-way fc. Every activation is ReLU.
 *
 * <p>The depth multiplier α scales every width but the last convolution's with torchvision's
 * {@code _round_to_multiple_of} (multiples of 8, the same rule as MobileNet's).
 */
public final class MnasNetFamily implements Family {
    private static final int DIVISOR = 8;
    private static final int LAST_CHANNELS = 1280;
    private static final double DROPOUT = 0.2;
    private static final int STEM_CHANNELS = 32;
    private static final int SEPARABLE_CHANNELS = 16;
    /** torchvision's layers.8 … layers.13 follow the stem's eight layers. */
    private static final int FIRST_STACK_INDEX = 8;

    /** The searched stacks: output channels, kernel, stride of the first repeat, expansion t, repeats. */
    private static final int[][] STACKS = {
            {24, 3, 2, 3, 3}, {40, 5, 2, 3, 3}, {80, 5, 2, 6, 3}, {96, 3, 1, 6, 2}, {192, 5, 2, 6, 4},
            {320, 3, 1, 6, 1}};

    @Override
    public String name() {
        return "mnasnet";
    }

    @Override
    public String title() {
        return "MnasNet";
    }

    @Override
    public String reference() {
        return "Tan et al. 2019, MnasNet: Platform-Aware Neural Architecture Search for Mobile";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.real("width", "α", "depth multiplier: every width but the last convolution's is c·α rounded "
                        + "to a multiple of 8", 1.0, 0.1, 2.0),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return List.of(
                new Preset("mnasnet0_5", name(), "MnasNet 0.5 (torchvision)", Map.of("width", "0.5")),
                new Preset("mnasnet1_0", name(), "MnasNet 1.0 (torchvision)", Map.of()));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        double alpha = knobs.real("width");
        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        int stem = Channels.makeDivisible(STEM_CHANNELS * alpha, DIVISOR);
        try (var scope = b.block("layers.0")) {
            x = ConvBnAct.of(stem, 3).withStride(2).add(b, "conv", x);
        }
        int channels = Channels.makeDivisible(SEPARABLE_CHANNELS * alpha, DIVISOR);
        // An inverted residual without expansion is the separable convolution: depthwise + BN + ReLU, linear 1×1.
        x = InvertedResidual.of(stem, stem, channels).withActivation(Activation.Function.RELU)
                .add(b, "layers.3", x);
        for (int s = 0; s < STACKS.length; s++) {
            int[] stack = STACKS[s];
            int out = Channels.makeDivisible(stack[0] * alpha, DIVISOR);
            for (int i = 0; i < stack[4]; i++) {
                x = InvertedResidual.of(channels, channels * stack[3], out).withKernel(stack[1])
                        .withStride(i == 0 ? stack[2] : 1)
                        .withActivation(Activation.Function.RELU)
                        .add(b, "layers." + (FIRST_STACK_INDEX + s) + "." + i, x);
                channels = out;
            }
        }
        try (var scope = b.block("layers.14")) {
            x = ConvBnAct.pointwise(LAST_CHANNELS).add(b, "conv", x);
        }
        ClassifierHead.of(classes(knobs)).withDropout(DROPOUT).add(b, x);
        return b.build();
    }
}
