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
import io.archexplorer.samples.blocks.SqueezeExcitation;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * EfficientNet (Tan &amp; Le 2019, "EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks"), laid
 * out as torchvision's {@code efficientnet_b0} … {@code b7}: a 3×3/2 convolution ({@code stem}), the seven MBConv
 * stages of the paper's Table 1 ({@code blocks.<stage>.<repeat>}), a 1×1 convolution to 4× the last stage's width
 * ({@code head}), global average pooling, dropout 0.2 and a 1000-way fc. Every activation is swish (SiLU).
 *
 * <p>An MBConv is MobileNetV2's inverted residual with a squeeze-and-excitation that squeezes to a quarter of the
 * block's <em>input</em> width (swish inside, sigmoid gate). Compound scaling with coefficient φ multiplies depth by
 * α^φ (α = 1.2), width by β^φ (β = 1.1) and resolution by γ^φ (γ = 1.15), on top of the single-dimension
 * multipliers; a stage's repeats are ⌈n · depth⌉ and its widths are c · width rounded as torchvision's
 * {@code _make_divisible} (multiples of 8), the resolution ρ · γ^φ rounded to the nearest pixel. The B1–B7 presets
 * are torchvision's width and depth multipliers at the paper's resolutions with φ = 0.
 */
public final class EfficientNetFamily implements Family {
    private static final int STEM_CHANNELS = 32;
    private static final int HEAD_EXPANSION = 4;
    private static final int DIVISOR = 8;
    private static final double DROPOUT = 0.2;
    private static final double DEPTH_BASE = 1.2;
    private static final double WIDTH_BASE = 1.1;
    private static final double RESOLUTION_BASE = 1.15;

    /** Table 1: kernel k, output channels c, repeats n, stride s of the first repeat, per MBConv stage. */
    private static final int[][] STAGES = {
            {3, 16, 1, 1}, {3, 24, 2, 2}, {5, 40, 2, 2}, {3, 80, 3, 2}, {5, 112, 3, 1}, {5, 192, 4, 2}, {3, 320, 1, 1}};

    /** torchvision's {@code efficientnet_b<i>}: width multiplier, depth multiplier, and the paper's resolution. */
    private static final double[][] SCALED = {
            {1.0, 1.0, 224}, {1.0, 1.1, 240}, {1.1, 1.2, 260}, {1.2, 1.4, 300}, {1.4, 1.8, 380}, {1.6, 2.2, 456},
            {1.8, 2.6, 528}, {2.0, 3.1, 600}};

    @Override
    public String name() {
        return "efficientnet";
    }

    @Override
    public String title() {
        return "EfficientNet";
    }

    @Override
    public String reference() {
        return "Tan & Le 2019, EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.real("phi", "φ", "compound coefficient: depth × 1.2^φ, width × 1.1^φ, resolution × 1.15^φ "
                        + "(the paper's compound scaling, about 2^φ the FLOPs)", 0.0, 0.0, 8.0),
                Knob.real("width_mult", "w", "width multiplier on its own (Figure 3): every width is c·w rounded "
                        + "to a multiple of 8", 1.0, 0.1, 4.0),
                Knob.real("depth_mult", "d", "depth multiplier on its own (Figure 3): each stage repeats ⌈n·d⌉ "
                        + "blocks", 1.0, 0.1, 8.0),
                Knob.real("se_ratio", "", "squeeze-and-excitation bottleneck as a fraction of the block's input "
                        + "width (0 removes it)", 0.25, 0.0, 1.0),
                Knob.integer("expansion", "t", "expansion factor of every MBConv but the first stage's (which "
                        + "keeps t = 1)", 6, 1, 12),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return IntStream.range(0, SCALED.length).mapToObj(i -> new Preset("efficientnet_b" + i,
                name(), "EfficientNet-B" + i + " (torchvision's multipliers, " + (int) SCALED[i][2] + " px)",
                Map.of("width_mult", Double.toString(SCALED[i][0]), "depth_mult", Double.toString(SCALED[i][1]),
                        "resolution", Integer.toString((int) SCALED[i][2])))).toList();
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        double phi = knobs.real("phi");
        double width = knobs.real("width_mult") * Math.pow(WIDTH_BASE, phi);
        double depth = knobs.real("depth_mult") * Math.pow(DEPTH_BASE, phi);
        int resolution = (int) Math.round(knobs.integer("resolution") * Math.pow(RESOLUTION_BASE, phi));
        double seRatio = knobs.real("se_ratio");
        int expansion = knobs.integer("expansion");

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, resolution);
        int channels = Channels.makeDivisible(STEM_CHANNELS * width, DIVISOR);
        x = ConvBnAct.of(channels, 3).withStride(2).withActivation(Activation.Function.SWISH).add(b, "stem", x);
        for (int stage = 0; stage < STAGES.length; stage++) {
            int[] row = STAGES[stage];
            int out = Channels.makeDivisible(row[1] * width, DIVISOR);
            int repeats = (int) Math.ceil(row[2] * depth);
            int t = stage == 0 ? 1 : expansion;
            for (int i = 0; i < repeats; i++) {
                int expanded = Channels.makeDivisible(channels * t, DIVISOR);
                InvertedResidual block = InvertedResidual.of(channels, expanded, out).withKernel(row[0])
                        .withStride(i == 0 ? row[3] : 1).withActivation(Activation.Function.SWISH);
                int squeeze = (int) (channels * seRatio);
                if (seRatio > 0) {
                    block = block.withSqueezeExcitation(new SqueezeExcitation(expanded, Math.max(1, squeeze),
                            Activation.Function.SWISH, Activation.Function.SIGMOID));
                }
                x = block.add(b, "blocks." + stage + "." + i, x);
                channels = out;
            }
        }
        x = ConvBnAct.pointwise(HEAD_EXPANSION * channels).withActivation(Activation.Function.SWISH)
                .add(b, "head", x);
        ClassifierHead.of(classes(knobs)).withDropout(DROPOUT).add(b, x);
        return b.build();
    }
}
