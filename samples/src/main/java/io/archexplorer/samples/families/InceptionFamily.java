package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.ClassifierHead;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.blocks.MultiBranch;
import io.archexplorer.samples.blocks.SqueezeExcitation;
import io.archexplorer.samples.blocks.Step;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobException;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Inception lineage after GoogLeNet: BN-Inception (Ioffe &amp; Szegedy 2015, "Batch Normalization", Figure 5),
 * Inception-v3 (Szegedy et al. 2016, "Rethinking the Inception Architecture"), Inception-v4 and Inception-ResNet-v1
 * and -v2 (Szegedy et al. 2017, "Inception-v4, Inception-ResNet and the Impact of Residual Connections"). Each is a
 * stem, three stages of modules (A at 35×35, B at 17×17, C at 8×8 for a 299 input; 28, 14 and 7 for BN-Inception's
 * 224) and two reduction modules between them; the Inception-ResNets add each module's branches, projected by a
 * linear 1×1 convolution and scaled down, to the module's input.
 *
 * <p>Where the papers leave something open or disagree with the released models, the reference implementations
 * decide, and the tests hold the figures to them layer by layer:
 * <ul>
 *   <li>Inception-v3 is torchvision's {@code inception_v3} (without the auxiliary head): its 35×35 modules keep a
 *       5×5 branch where the paper's Figure 5 has two 3×3, and the stem is the paper's Table 1 with a 1×1 to 80 in
 *       place of the 3×3.</li>
 *   <li>Inception-v4 and Inception-ResNet-v2 are timm's {@code inception_v4} and {@code inception_resnet_v2} (the
 *       TF-slim models). Inception-ResNet-v2 there has 10, 20 and 10 modules (the paper's Figure 15 says 5, 10, 5),
 *       TF-slim's v3-style stem with a 35×35 Inception module ({@code mixed_5b}) instead of the paper's Figure 3
 *       stem, and widths (Block17 to 1088, Block8 to 2080) that differ from Figures 16–19; the residual branches are
 *       scaled by 0.17, 0.10 and 0.20, and the last C module is neither scaled nor followed by a ReLU.</li>
 *   <li>Inception-ResNet-v1 has no model in torchvision or timm; it follows the paper's Figures 14, 10, 7, 11, 12 and
 *       13 and, for what they leave open (the scales, the last module without ReLU), TF-slim's v2 as above.</li>
 *   <li>BN-Inception follows Figure 5's table; where the table's output column disagrees with its own branch widths
 *       (inception 4c, 4d and 4e), the branch widths decide, as in the released Caffe model. The stem's pools round
 *       up, as the table's 56 and 28 need; the stride-2 modules' max pools are padded by 1 instead, so that they
 *       agree with the strided 3×3 convolutions beside them at every input side (the Caffe model's unpadded,
 *       rounded-up pools agree with them only where the side is even, as at 224).</li>
 * </ul>
 * Every convolution is followed by batchnorm (eps 0.001) and ReLU, except the residual projections, which have a
 * bias and neither. With {@code se_ratio} r &gt; 0 a squeeze-and-excitation block (Hu et al. 2018, Figures 2 and 3)
 * rescales each module's output (SE-BN-Inception, SE-Inception-v3/v4), or in the Inception-ResNets each residual
 * branch before the sum (SE-Inception-ResNet-v2).
 */
public final class InceptionFamily implements Family {
    private static final double BATCHNORM_EPS = 0.001;

    /** The five nets of the lineage, as the {@code version} knob names them. */
    private enum Version {
        V2("BN-Inception"), V3("Inception-v3"), V4("Inception-v4"), RESNET_V1("Inception-ResNet-v1"),
        RESNET_V2("Inception-ResNet-v2");

        final String title;

        Version(String title) {
            this.title = title;
        }

        static Version of(String knob) {
            return valueOf(knob.toUpperCase(Locale.ROOT));
        }

        boolean residual() {
            return this == RESNET_V1 || this == RESNET_V2;
        }
    }

    /** The knobs as a module builder needs them. */
    private record Settings(Version version, boolean factorize, int seRatio, List<Integer> residualScales) {
    }

    @Override
    public String name() {
        return "inception";
    }

    @Override
    public String title() {
        return "Inception v2–v4 / Inception-ResNet";
    }

    @Override
    public String reference() {
        return "Szegedy et al. 2017, Inception-v4, Inception-ResNet and the Impact of Residual Connections on Learning";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.choice("version", "", "which net of the lineage: BN-Inception (v2), Inception-v3, Inception-v4, "
                        + "Inception-ResNet-v1 or -v2", "v4", "v2", "v3", "v4", "resnet_v1", "resnet_v2"),
                Knob.integerList("blocks", "", "modules in the A, B and C stages (v4: 4,7,3; Inception-ResNet: "
                        + "5,10,5 in the paper, 10,20,10 released)", List.of(4, 7, 3), 1, 32, 3),
                Knob.toggle("factorize", "", "n×n convolutions as a 1×n then an n×1 (v3's section 3.2); off: one "
                        + "n×n convolution in their place", true),
                Knob.integerList("reduction_a", "k,l,m,n", "filters of Reduction-A (Table 1): 1×1 k, 3×3 l, 3×3/2 m "
                        + "and the other branch's 3×3/2 n (not BN-Inception)", List.of(192, 224, 256, 384), 1, 2048,
                        4),
                Knob.integerList("residual_scale", "", "Inception-ResNet's residual branches are scaled by this many "
                        + "hundredths before the sum, in A,B,C (no cost effect)", List.of(17, 10, 20), 1, 100, 3),
                Knob.integer("se_ratio", "r", "squeeze-and-excitation on every module with C/r channels between "
                        + "its fc layers (16 in SENet); 0: none", 0, 0, 1024),
                ImageInput.resolution(299));
    }

    @Override
    public List<Preset> presets() {
        return List.of(
                new Preset("inception_v2", name(), "BN-Inception (Ioffe & Szegedy 2015, Figure 5, 224×224)",
                        Map.of("version", "v2", "blocks", "2,4,2", "resolution", "224")),
                new Preset("inception_v3", name(), "Inception-v3 (torchvision, no auxiliary head, 299×299)",
                        Map.of("version", "v3", "blocks", "3,4,2", "reduction_a", "64,96,96,384")),
                new Preset("inception_v4", name(), "Inception-v4 (timm, 299×299)", Map.of("version", "v4")),
                new Preset("inception_resnet_v1", name(), "Inception-ResNet-v1 (the paper's Figure 15, 299×299)",
                        Map.of("version", "resnet_v1", "blocks", "5,10,5", "reduction_a", "192,192,256,384")),
                new Preset("inception_resnet_v2", name(), "Inception-ResNet-v2 (timm, 10/20/10 modules, 299×299)",
                        Map.of("version", "resnet_v2", "blocks", "10,20,10", "reduction_a", "256,256,384,384")));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        Version version = Version.of(knobs.choice("version"));
        List<Integer> blocks = exactly(knobs, "blocks", 3, "the A, B and C stages");
        List<Integer> reductionA = exactly(knobs, "reduction_a", 4, "k, l, m and n");
        Settings s = new Settings(version, knobs.toggle("factorize"), knobs.integer("se_ratio"),
                exactly(knobs, "residual_scale", 3, "the A, B and C stages"));
        return MinimumResolution.build(version.title, knobs.integer("resolution"),
                resolution -> assemble(netName, s, blocks, reductionA, resolution, classes(knobs)));
    }

    private static List<Integer> exactly(KnobValues knobs, String knob, int count, String what) {
        List<Integer> values = knobs.integerList(knob);
        if (values.size() != count) {
            throw new KnobException(knob, "needs " + count + " numbers, one for each of " + what + "; got "
                    + Knob.text(values));
        }
        return values;
    }

    private static Net assemble(String netName, Settings s, List<Integer> blocks, List<Integer> reductionA,
                                int resolution, int classes) {
        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, resolution);
        Modules m = new Modules(b, s);
        switch (s.version()) {
            case V2 -> x = m.bnInception(x, blocks);
            case V3 -> x = m.inceptionV3(x, blocks, reductionA);
            case V4 -> x = m.inceptionV4(x, blocks, reductionA);
            case RESNET_V1 -> x = m.inceptionResNetV1(x, blocks, reductionA);
            case RESNET_V2 -> x = m.inceptionResNetV2(x, blocks, reductionA);
            default -> throw new IllegalStateException(s.version().name());
        }
        double dropout = switch (s.version()) {
            case V3 -> 0.5;
            case RESNET_V1 -> 0.2;
            default -> 0;
        };
        ClassifierHead.of(classes).withDropout(dropout).add(b, x);
        return b.build();
    }

    /** The modules of every version, added to one builder; each method returns the name of its output. */
    private static final class Modules {
        private final NetBuilder b;
        private final Settings s;
        /** Channels of the last output added, which SE blocks and residual projections need. */
        private int channels;

        Modules(NetBuilder b, Settings s) {
            this.b = b;
            this.s = s;
        }

        // ---- BN-Inception ----

        /** One row of Figure 5's table: #1×1, #3×3 reduce, #3×3, double #3×3 reduce, double #3×3, pool proj. */
        private record Row(int n1x1, int n3x3Reduce, int n3x3, int dblReduce, int dbl, int poolProj) {
        }

        private static final List<List<Row>> BN_INCEPTION = List.of(
                List.of(new Row(64, 64, 64, 64, 96, 32), new Row(64, 64, 96, 64, 96, 64)),
                List.of(new Row(224, 64, 96, 96, 128, 128), new Row(192, 96, 128, 96, 128, 128),
                        new Row(160, 128, 160, 128, 160, 128), new Row(96, 128, 192, 160, 192, 128)),
                List.of(new Row(352, 192, 320, 160, 224, 128), new Row(352, 192, 320, 192, 224, 128)));
        /** The stride-2 modules 3c and 4e: #3×3 reduce, #3×3, double #3×3 reduce, double #3×3. */
        private static final List<Row> BN_REDUCTIONS = List.of(new Row(0, 128, 160, 64, 96, 0),
                new Row(0, 128, 192, 192, 256, 0));

        String bnInception(String input, List<Integer> blocks) {
            String x;
            try (var stem = b.block("stem")) {
                x = conv(64, 7).withStride(2).add(b, "conv1", input);
                x = b.add("pool1", Pool.max(3, 2, 0).withCeilMode(), x);
                x = conv(64, 1).add(b, "conv2_reduce", x);
                x = conv(192, 3).add(b, "conv2", x);
                x = b.add("pool2", Pool.max(3, 2, 0).withCeilMode(), x);
            }
            channels = 192;
            for (int stage = 0; stage < 3; stage++) {
                List<Row> rows = BN_INCEPTION.get(stage);
                int count = blocks.get(stage);
                for (int i = 0; i < count; i++) {
                    Row r = rows.get(Math.min(i, rows.size() - 1));
                    // Figure 5's last module (5b) pools by max, every other one by average.
                    boolean last = stage == 2 && i == count - 1;
                    Pool pool = last ? Pool.max(3, 1, 1).withCeilMode() : Pool.avg(3, 1, 1).withCeilMode();
                    String name = bnModuleName(stage, i);
                    x = module(name, x, r.n1x1() + r.n3x3() + r.dbl() + r.poolProj(), MultiBranch.of(
                            branch(1, conv(r.n1x1(), 1)),
                            branch(2, conv(r.n3x3Reduce(), 1), conv(r.n3x3(), 3)),
                            branch(3, conv(r.dblReduce(), 1), conv(r.dbl(), 3), conv(r.dbl(), 3)),
                            pooled(4, pool, conv(r.poolProj(), 1))));
                }
                if (stage < 2) {
                    Row r = BN_REDUCTIONS.get(stage);
                    x = module(bnModuleName(stage, count), x, r.n3x3() + r.dbl() + channels, MultiBranch.of(
                            branch(1, conv(r.n3x3Reduce(), 1), conv(r.n3x3(), 3).withStride(2)),
                            branch(2, conv(r.dblReduce(), 1), conv(r.dbl(), 3), conv(r.dbl(), 3).withStride(2)),
                            List.of(Step.layer("branch3_pool", Pool.max(3, 2, 1)))));
                }
            }
            return x;
        }

        /** The paper's names: inception_3a, 3b, then the stride-2 module (3c), 4a..., 5a, 5b. */
        private static String bnModuleName(int stage, int index) {
            return "inception_" + (stage + 3) + (char) ('a' + index);
        }

        // ---- Inception-v3 (torchvision) ----

        String inceptionV3(String input, List<Integer> blocks, List<Integer> reductionA) {
            String x = v3Stem(input, "stem");
            int[] poolFeatures = {32, 64, 64};
            for (int i = 0; i < blocks.get(0); i++) {
                int proj = poolFeatures[Math.min(i, poolFeatures.length - 1)];
                x = module("inception_a" + (i + 1), x, 64 + 64 + 96 + proj, MultiBranch.of(
                        branch(1, conv(64, 1)),
                        branch(2, conv(48, 1), conv(64, 5)),
                        branch(3, conv(64, 1), conv(96, 3), conv(96, 3)),
                        pooled(4, averagePool(true), conv(proj, 1))));
            }
            x = reductionA(x, reductionA);
            int[] c7 = {128, 160, 160, 192};
            for (int i = 0; i < blocks.get(1); i++) {
                int mid = c7[Math.min(i, c7.length - 1)];
                x = module("inception_b" + (i + 1), x, 4 * 192, MultiBranch.of(
                        branch(1, conv(192, 1)),
                        branch(2, join(List.of(conv(mid, 1)), pair(7, mid, 192, true))),
                        branch(3, join(List.of(conv(mid, 1)), pair(7, mid, mid, false), pair(7, mid, 192, false))),
                        pooled(4, averagePool(true), conv(192, 1))));
            }
            x = module("reduction_b", x, 320 + 192 + channels, MultiBranch.of(
                    branch(1, conv(192, 1), valid(320, 3).withStride(2)),
                    branch(2, join(List.of(conv(192, 1)), pair(7, 192, 192, true), List.of(valid(192, 3).withStride(2)))),
                    List.of(Step.layer("branch3_pool", Pool.max(3, 2, 0)))));
            for (int i = 0; i < blocks.get(2); i++) {
                x = module("inception_c" + (i + 1), x, 320 + 768 + 768 + 192, MultiBranch.of(
                        branch(1, conv(320, 1)),
                        List.of(conv(384, 1).named("branch2_1"), split(2, 384, 384)),
                        List.of(conv(448, 1).named("branch3_1"), conv(384, 3).named("branch3_2"), split(3, 384, 384)),
                        pooled(4, averagePool(true), conv(192, 1))));
            }
            return x;
        }

        /**
         * The stem of v3 and (as {@code conv2d_*} in TF-slim) of Inception-ResNet-v2: three 3×3 convolutions, a max
         * pool, a 1×1 to 80, a 3×3 to 192 and a max pool: 299 → 35.
         */
        private String v3Stem(String input, String block) {
            try (var stem = b.block(block)) {
                String x = valid(32, 3).withStride(2).add(b, "conv2d_1a", input);
                x = valid(32, 3).add(b, "conv2d_2a", x);
                x = conv(64, 3).add(b, "conv2d_2b", x);
                x = b.add("maxpool_3a", Pool.max(3, 2, 0), x);
                x = conv(80, 1).add(b, "conv2d_3b", x);
                x = valid(192, 3).add(b, "conv2d_4a", x);
                channels = 192;
                return b.add("maxpool_5a", Pool.max(3, 2, 0), x);
            }
        }

        // ---- Inception-v4 (timm) ----

        String inceptionV4(String input, List<Integer> blocks, List<Integer> reductionA) {
            String x;
            try (var stem = b.block("stem")) {
                // Figure 3: 299 → 35, with three filter concatenations.
                x = valid(32, 3).withStride(2).add(b, "conv2d_1a", input);
                x = valid(32, 3).add(b, "conv2d_2a", x);
                x = conv(64, 3).add(b, "conv2d_2b", x);
                x = MultiBranch.of(List.of(Step.layer("mixed_3a_pool", Pool.max(3, 2, 0))),
                        List.of(valid(96, 3).withStride(2).named("mixed_3a_conv"))).add(b, "mixed_3a", x);
                x = MultiBranch.of(
                        List.of(conv(64, 1).named("mixed_4a_branch1_1"), valid(96, 3).named("mixed_4a_branch1_2")),
                        named("mixed_4a_branch2", join(List.of(conv(64, 1)), pair(7, 64, 64, true),
                                List.of(valid(96, 3))))).add(b, "mixed_4a", x);
                x = MultiBranch.of(List.of(valid(192, 3).withStride(2).named("mixed_5a_conv")),
                        List.of(Step.layer("mixed_5a_pool", Pool.max(3, 2, 0)))).add(b, "mixed_5a", x);
            }
            channels = 384;
            for (int i = 0; i < blocks.get(0); i++) {
                x = module("inception_a" + (i + 1), x, 4 * 96, MultiBranch.of(
                        branch(1, conv(96, 1)),
                        branch(2, conv(64, 1), conv(96, 3)),
                        branch(3, conv(64, 1), conv(96, 3), conv(96, 3)),
                        pooled(4, averagePool(false), conv(96, 1))));
            }
            x = reductionA(x, reductionA);
            for (int i = 0; i < blocks.get(1); i++) {
                x = module("inception_b" + (i + 1), x, 384 + 256 + 256 + 128, MultiBranch.of(
                        branch(1, conv(384, 1)),
                        branch(2, join(List.of(conv(192, 1)), pair(7, 224, 256, true))),
                        branch(3, join(List.of(conv(192, 1)), pair(7, 192, 224, false), pair(7, 224, 256, false))),
                        pooled(4, averagePool(false), conv(128, 1))));
            }
            x = module("reduction_b", x, 192 + 320 + channels, MultiBranch.of(
                    branch(1, conv(192, 1), valid(192, 3).withStride(2)),
                    branch(2, join(List.of(conv(256, 1)), pair(7, 256, 320, true), List.of(valid(320, 3).withStride(2)))),
                    List.of(Step.layer("branch3_pool", Pool.max(3, 2, 0)))));
            for (int i = 0; i < blocks.get(2); i++) {
                x = module("inception_c" + (i + 1), x, 256 + 512 + 512 + 256, MultiBranch.of(
                        branch(1, conv(256, 1)),
                        List.of(conv(384, 1).named("branch2_1"), split(2, 256, 256)),
                        named("branch3", join(List.of(conv(384, 1)), pair(3, 448, 512, false)),
                                List.of(split(3, 256, 256))),
                        pooled(4, averagePool(false), conv(256, 1))));
            }
            return x;
        }

        // ---- Inception-ResNet ----

        /**
         * The widths in which the two Inception-ResNets differ (v1: Figures 10–13; v2: timm's): the A module's
         * branch-3 3×3s, the B module's 1×1 and 1×7/7×1 branches, Reduction-B's three strided branches and the C
         * module's 1×3/3×1 pair.
         */
        private record ResNetWidths(int a3x3, int a3x3Out, int b1x1, int bReduce, int b1x7, int b7x1,
                                    int reductionB1, int reductionB2, int reductionB3Mid, int reductionB3,
                                    int c1x3, int c3x1) {
        }

        private static final ResNetWidths RESNET_V1 = new ResNetWidths(32, 32, 128, 128, 128, 128,
                384, 256, 256, 256, 192, 192);
        private static final ResNetWidths RESNET_V2 = new ResNetWidths(48, 64, 192, 128, 160, 192,
                384, 288, 288, 320, 224, 256);

        String inceptionResNetV1(String input, List<Integer> blocks, List<Integer> reductionA) {
            String x;
            try (var stem = b.block("stem")) {
                // Figure 14: 299 → 35×35×256.
                x = valid(32, 3).withStride(2).add(b, "conv2d_1a", input);
                x = valid(32, 3).add(b, "conv2d_2a", x);
                x = conv(64, 3).add(b, "conv2d_2b", x);
                x = b.add("maxpool_3a", Pool.max(3, 2, 0), x);
                x = conv(80, 1).add(b, "conv2d_3b", x);
                x = valid(192, 3).add(b, "conv2d_4a", x);
                x = valid(256, 3).withStride(2).add(b, "conv2d_4b", x);
            }
            channels = 256;
            return inceptionResNet(x, blocks, reductionA, RESNET_V1);
        }

        String inceptionResNetV2(String input, List<Integer> blocks, List<Integer> reductionA) {
            String x = v3Stem(input, "stem");
            try (var stem = b.block("stem")) {
                x = MultiBranch.of(
                        List.of(conv(96, 1).named("mixed_5b_branch1")),
                        List.of(conv(48, 1).named("mixed_5b_branch2_1"), conv(64, 5).named("mixed_5b_branch2_2")),
                        List.of(conv(64, 1).named("mixed_5b_branch3_1"), conv(96, 3).named("mixed_5b_branch3_2"),
                                conv(96, 3).named("mixed_5b_branch3_3")),
                        List.of(Step.layer("mixed_5b_branch4_pool", averagePool(false)),
                                conv(64, 1).named("mixed_5b_branch4_proj"))).add(b, "mixed_5b", x);
            }
            channels = 320;
            x = inceptionResNet(x, blocks, reductionA, RESNET_V2);
            x = conv(1536, 1).add(b, "conv2d_7b", x);
            channels = 1536;
            return x;
        }

        /** The three stages and two reductions after either stem. */
        private String inceptionResNet(String input, List<Integer> blocks, List<Integer> reductionA, ResNetWidths w) {
            String x = input;
            for (int i = 0; i < blocks.get(0); i++) {
                x = residual("block35_" + (i + 1), x, s.residualScales().get(0), true, MultiBranch.of(
                        branch(1, conv(32, 1)),
                        branch(2, conv(32, 1), conv(32, 3)),
                        branch(3, conv(32, 1), conv(w.a3x3(), 3), conv(w.a3x3Out(), 3))));
            }
            x = reductionA(x, reductionA);
            for (int i = 0; i < blocks.get(1); i++) {
                x = residual("block17_" + (i + 1), x, s.residualScales().get(1), true, MultiBranch.of(
                        branch(1, conv(w.b1x1(), 1)),
                        branch(2, join(List.of(conv(w.bReduce(), 1)), pair(7, w.b1x7(), w.b7x1(), true)))));
            }
            x = residualReductionB(x, w.reductionB1(), w.reductionB2(), w.reductionB3Mid(), w.reductionB3());
            return blockEights(x, blocks.get(2), w.c1x3(), w.c3x1());
        }

        /**
         * The C stage of both Inception-ResNets: 1×1 192 beside 1×1 192, 1×3 and 3×1; the last module is neither
         * scaled nor activated (TF-slim's and timm's {@code block8}).
         */
        private String blockEights(String input, int count, int mid, int out) {
            String x = input;
            for (int i = 0; i < count; i++) {
                boolean last = i == count - 1;
                x = residual("block8_" + (i + 1), x, last ? 100 : s.residualScales().get(2), !last, MultiBranch.of(
                        branch(1, conv(192, 1)),
                        branch(2, join(List.of(conv(192, 1)), pair(3, mid, out, true)))));
            }
            return x;
        }

        /**
         * The Inception-ResNets' Reduction-B (Figure 12; timm's {@code mixed_7a}): three 1×1 to 256 each followed
         * by a 3×3/2 (the third after a 3×3), beside a max pool.
         */
        private String residualReductionB(String x, int first, int second, int thirdMid, int third) {
            return module("reduction_b", x, first + second + third + channels, MultiBranch.of(
                    branch(1, conv(256, 1), valid(first, 3).withStride(2)),
                    branch(2, conv(256, 1), valid(second, 3).withStride(2)),
                    branch(3, conv(256, 1), conv(thirdMid, 3), valid(third, 3).withStride(2)),
                    List.of(Step.layer("branch4_pool", Pool.max(3, 2, 0)))));
        }

        /**
         * Table 1's Reduction-A of v4 and the Inception-ResNets, which v3's 35→17 module also has (k, l, m, n =
         * 64, 96, 96, 384): a 3×3/2 to n; a 1×1 to k, a 3×3 to l and a 3×3/2 to m; a 3×3/2 max pool.
         */
        private String reductionA(String x, List<Integer> klmn) {
            int k = klmn.get(0);
            int l = klmn.get(1);
            int m = klmn.get(2);
            int n = klmn.get(3);
            return module("reduction_a", x, n + m + channels, MultiBranch.of(
                    branch(1, valid(n, 3).withStride(2)),
                    branch(2, conv(k, 1), conv(l, 3), valid(m, 3).withStride(2)),
                    List.of(Step.layer("branch3_pool", Pool.max(3, 2, 0)))));
        }

        /** A module in its own block, followed by its SE block when r &gt; 0 and it is no residual module. */
        private String module(String name, String input, int outChannels, MultiBranch branches) {
            try (var block = b.block(name)) {
                String x = branches.add(b, "concat", input);
                channels = outChannels;
                if (s.seRatio() > 0 && !s.version().residual()) {
                    x = squeezeExcitation(name).add(b, "se", x);
                }
                return x;
            }
        }

        /**
         * An Inception-ResNet module (Figures 10–13, 16–19): the branches, a linear 1×1 projection with bias back to
         * the input's width, the SE block when r &gt; 0 (SENet's Figure 3), the scaling, the sum and a ReLU.
         */
        private String residual(String name, String input, int scalePercent, boolean activated,
                                MultiBranch branches) {
            try (var block = b.block(name)) {
                String x = branches.add(b, "concat", input);
                x = ConvBnAct.pointwise(channels).withoutBatchNorm().withoutActivation().withBias(true)
                        .add(b, "conv2d", x);
                if (s.seRatio() > 0) {
                    x = squeezeExcitation(name).add(b, "se", x);
                }
                x = b.add("scale", new ScalarMultiply(scalePercent / 100.0), x);
                x = b.add("add", new Add(), input, x);
                return activated ? b.add("relu", Activation.relu(), x) : x;
            }
        }

        private SqueezeExcitation squeezeExcitation(String module) {
            if (s.seRatio() > channels) {
                throw new KnobException("se_ratio", "r = " + s.seRatio() + " leaves " + module + " (" + channels
                        + " channels) no channel to squeeze to; r can be at most " + channels);
            }
            return SqueezeExcitation.reduced(channels, s.seRatio());
        }

        // ---- pieces ----

        /** An n×n convolution factorized into 1×n and n×1 (or n×1 and 1×n), or whole with factorize off. */
        private List<ConvBnAct> pair(int n, int mid, int out, boolean rowFirst) {
            if (!s.factorize()) {
                return List.of(conv(out, n));
            }
            ConvBnAct first = rowFirst ? ConvBnAct.of(mid, 1, n) : ConvBnAct.of(mid, n, 1);
            ConvBnAct second = rowFirst ? ConvBnAct.of(out, n, 1) : ConvBnAct.of(out, 1, n);
            return List.of(eps(first), eps(second));
        }

        /** v3's and v4's branch that ends in a 1×3 and a 3×1 side by side, concatenated. */
        private Step split(int branch, int left, int right) {
            String prefix = "branch" + branch;
            return MultiBranch.of(List.of(eps(ConvBnAct.of(left, 1, 3)).named(prefix + "_1x3")),
                    List.of(eps(ConvBnAct.of(right, 3, 1)).named(prefix + "_3x1"))).named(prefix + "_concat");
        }

        /** A branch of convolutions named branch{i}_1, branch{i}_2, ... (just branch{i} when it is one). */
        private static List<Step> branch(int index, ConvBnAct... convs) {
            return named("branch" + index, List.of(convs));
        }

        private static List<Step> named(String prefix, List<ConvBnAct> convs) {
            List<Step> steps = new ArrayList<>();
            for (int j = 0; j < convs.size(); j++) {
                steps.add(convs.get(j).named(convs.size() == 1 ? prefix : prefix + "_" + (j + 1)));
            }
            return steps;
        }

        private static List<Step> named(String prefix, List<ConvBnAct> convs, List<Step> after) {
            List<Step> steps = new ArrayList<>(named(prefix, convs));
            steps.addAll(after);
            return steps;
        }

        @SafeVarargs
        private static List<ConvBnAct> join(List<ConvBnAct>... parts) {
            List<ConvBnAct> all = new ArrayList<>();
            for (List<ConvBnAct> p : parts) {
                all.addAll(p);
            }
            return all;
        }

        private static List<Step> branch(int index, List<ConvBnAct> convs) {
            return named("branch" + index, convs);
        }

        /** A pool and the 1×1 projection after it. */
        private static List<Step> pooled(int index, Pool pool, ConvBnAct projection) {
            return List.of(Step.layer("branch" + index + "_pool", pool), projection.named("branch" + index + "_proj"));
        }

        /** The 3×3/1 average pool in front of a projection; torchvision counts its padding, timm does not. */
        private static Pool averagePool(boolean countIncludePad) {
            return new Pool(Pool.Mode.AVG, 3, 3, 1, 1, 1, 1, false, countIncludePad);
        }

        /** Inception's BasicConv2d: a k×k convolution keeping the side, batchnorm (eps 0.001) and ReLU. */
        private static ConvBnAct conv(int out, int kernel) {
            return eps(ConvBnAct.of(out, kernel));
        }

        /** The same without padding ("V" in the papers' figures). */
        private static ConvBnAct valid(int out, int kernel) {
            return conv(out, kernel).withPadding(0);
        }

        private static ConvBnAct eps(ConvBnAct c) {
            return c.withBatchNormEps(BATCHNORM_EPS);
        }
    }
}
