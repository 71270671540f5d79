package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.ClassifierHead;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.blocks.SqueezeExcitation;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobException;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ResNet (He et al. 2016), ResNeXt (Xie et al. 2017), Wide ResNet (Zagoruyko and Komodakis 2016), SENet (Hu et al.
 * 2018) and pre-activation ResNet (He et al. 2016, "Identity Mappings in Deep Residual Networks") are one family: a
 * bottleneck's 3×3 convolution has C groups of d channels each (per 64 planes), so C = 1, d = 64 is ResNet,
 * C = 32, d = 4 is ResNeXt-32×4d and C = 1, d = 128 is Wide ResNet-2; r &gt; 0 adds a squeeze-and-excitation block
 * with C/r reduction channels to every block; pre-activation puts batchnorm and ReLU before each convolution.
 *
 * <p>The ImageNet layout follows torchvision (stride on the 3×3 convolution, "ResNet v1.5"); SE blocks follow timm's
 * {@code seresnet50} (after the last batchnorm, before the residual add; timm rounds C/r to a multiple of 8, which
 * is C/r for every power-of-two r); pre-activation blocks follow timm's {@code resnetv2_50}: the block's first
 * batchnorm–ReLU also feeds the projection shortcut, the stem has no batchnorm, a final batchnorm–ReLU precedes
 * the head and the classifier is a 1×1 convolution. The CIFAR nets follow He et al.'s ResNet-164/1001 (3×3 stem of 16 channels, three stages of 16, 32 and
 * 64 planes at 32, 16 and 8 pixels, 10 classes); where their shapes change, shortcuts are 1×1 projections.
 */
public final class ResNetFamily implements Family {
    private static final int[] IMAGENET_PLANES = {64, 128, 256, 512};
    private static final int[] CIFAR_PLANES = {16, 32, 64};
    private static final int CIFAR_CLASSES = 10;
    private static final Map<Integer, List<Integer>> BLOCKS_PER_STAGE = Map.of(
            18, List.of(2, 2, 2, 2),
            34, List.of(3, 4, 6, 3),
            50, List.of(3, 4, 6, 3),
            101, List.of(3, 4, 23, 3),
            152, List.of(3, 8, 36, 3),
            // He et al. 2016's CIFAR bottleneck nets: depth 9n + 2, n blocks in each of three stages.
            164, List.of(18, 18, 18),
            1001, List.of(111, 111, 111));

    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public String title() {
        return "ResNet / ResNeXt / Wide ResNet / SENet / pre-activation ResNet";
    }

    @Override
    public String reference() {
        return "He et al. 2016; Xie et al. 2017 (ResNeXt); Zagoruyko & Komodakis 2016 (Wide ResNet); Hu et al. 2018 "
                + "(SENet); He et al. 2016, Identity Mappings in Deep Residual Networks (pre-activation)";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.choice("depth", "", "number of weighted layers; 18 and 34 use basic blocks, 50+ bottlenecks; "
                        + "164 and 1001 are the CIFAR nets", "50", "18", "34", "50", "101", "152", "164", "1001"),
                Knob.integer("cardinality", "C", "number of parallel paths (groups) in each ResNeXt bottleneck",
                        1, 1, 256),
                Knob.integer("bottleneck_width", "d", "channels per path of a bottleneck's 3×3 conv in the first "
                        + "stage (64 for ResNet, 4 for ResNeXt-32×4d, 128 for Wide ResNet-2)", 64, 1, 1024),
                Knob.integer("se_ratio", "r", "squeeze-and-excitation reduction ratio: each block's SE squeezes its "
                        + "C channels to C/r (16 in SENet; 0 = no SE block)", 0, 0, 256),
                Knob.toggle("preact", "", "pre-activation (ResNet v2): batchnorm and ReLU before each convolution, "
                        + "an identity path with nothing after the add", false),
                Knob.integerListOrAuto("blocks", "", "blocks in each stage (ResNet-50: 3,4,6,3), overriding depth's; "
                        + "auto = depth's", 1, 256, 4),
                Knob.choice("dataset", "", "ImageNet stem (7×7/2 conv, max pool, 4 stages, 1000 classes) or CIFAR "
                        + "stem (3×3 conv, 3 stages, 10 classes)", "imagenet", "imagenet", "cifar"),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return List.of(
                preset("resnet18", "ResNet-18", 18, 1, 64),
                preset("resnet34", "ResNet-34", 34, 1, 64),
                preset("resnet50", "ResNet-50", 50, 1, 64),
                preset("resnet101", "ResNet-101", 101, 1, 64),
                preset("resnet152", "ResNet-152", 152, 1, 64),
                preset("resnext50_32x4d", "ResNeXt-50 (32×4d)", 50, 32, 4),
                preset("resnext101_32x8d", "ResNeXt-101 (32×8d)", 101, 32, 8),
                preset("wide_resnet50_2", "Wide ResNet-50-2", 50, 1, 128),
                preset("se_resnet50", "SE-ResNet-50 (Hu et al. 2018; timm's seresnet50)", 50, 1, 64,
                        "se_ratio", "16"),
                preset("se_resnext50_32x4d", "SE-ResNeXt-50 (32×4d) (Hu et al. 2018; timm's seresnext50_32x4d)",
                        50, 32, 4, "se_ratio", "16"),
                preset("preact_resnet50", "pre-activation ResNet-50 (He et al. 2016; timm's resnetv2_50)", 50, 1, 64,
                        "preact", "on"),
                preset("preact_resnet164", "pre-activation ResNet-164, CIFAR (He et al. 2016)", 164, 1, 64,
                        "preact", "on", "dataset", "cifar", "resolution", "32"),
                preset("preact_resnet1001", "pre-activation ResNet-1001, CIFAR (He et al. 2016)", 1001, 1, 64,
                        "preact", "on", "dataset", "cifar", "resolution", "32"));
    }

    /** {@code more}: further knob name, value pairs. */
    private Preset preset(String name, String description, int depth, int cardinality, int width, String... more) {
        Map<String, String> knobs = new LinkedHashMap<>();
        knobs.put("depth", "" + depth);
        knobs.put("cardinality", "" + cardinality);
        knobs.put("bottleneck_width", "" + width);
        for (int i = 0; i < more.length; i += 2) {
            knobs.put(more[i], more[i + 1]);
        }
        return new Preset(name, name(), description, knobs);
    }

    @Override
    public int classes(KnobValues knobs) {
        return cifar(knobs) ? CIFAR_CLASSES : ClassifierHead.IMAGENET_CLASSES;
    }

    private static boolean cifar(KnobValues knobs) {
        return knobs.choice("dataset").equals("cifar");
    }

    /** The settings every block of one net shares. */
    private record Design(boolean bottleneck, int cardinality, int d, int seRatio, boolean preact) {
        int expansion() {
            return bottleneck ? 4 : 1;
        }
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        int depth = knobs.integer("depth");
        boolean cifar = cifar(knobs);
        boolean bottleneck = depth >= 50;
        Design design = new Design(bottleneck, knobs.integer("cardinality"), knobs.integer("bottleneck_width"),
                knobs.integer("se_ratio"), knobs.toggle("preact"));
        if (!bottleneck && design.cardinality() != 1) {
            throw new KnobException("cardinality", "depth " + depth + " uses basic blocks, which have no grouped "
                    + "3×3 convolution; use depth 50, 101 or 152 for C > 1");
        }
        if (!bottleneck && design.d() != 64) {
            throw new KnobException("bottleneck_width", "depth " + depth + " uses basic blocks, which have no "
                    + "bottleneck; use depth 50, 101 or 152 to change d");
        }
        int[] planes = cifar ? CIFAR_PLANES : IMAGENET_PLANES;
        List<Integer> blocks = blocksPerStage(knobs, depth, cifar, planes.length);
        checkSeRatio(design, planes);

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        // A pre-activation net's first block normalizes the stem's output itself, so the stem has no batchnorm.
        ConvBnAct stem = cifar ? ConvBnAct.of(16, 3) : ConvBnAct.of(64, 7).withStride(2);
        x = (design.preact() ? stem.withoutBatchNorm().withoutActivation() : stem).add(b, "conv1", x);
        if (!cifar) {
            x = b.add("maxpool", Pool.max(3, 2, 1), x);
        }
        int channels = cifar ? 16 : 64;
        for (int stage = 0; stage < blocks.size(); stage++) {
            for (int i = 0; i < blocks.get(stage); i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                try (var scope = b.block("layer" + (stage + 1) + "." + i)) {
                    x = block(b, x, channels, planes[stage], stride, design);
                }
                channels = planes[stage] * design.expansion();
            }
        }
        if (design.preact()) {
            // ResNet v2's identity paths end unnormalized: one batchnorm–ReLU before the head, whose classifier is
            // a 1×1 convolution on the pooled map, flattened after it (timm's ResNetV2 head).
            x = b.add("final_bn", new BatchNorm(), x);
            x = b.add("final_relu", Activation.relu(), x);
            x = b.add("avgpool", new GlobalAvgPool(), x);
            x = ConvBnAct.pointwise(classes(knobs)).withoutBatchNorm().withoutActivation().withBias(true)
                    .add(b, "fc", x);
            b.add("flatten", new Flatten(), x);
        } else {
            ClassifierHead.of(classes(knobs)).add(b, x);
        }
        return b.build();
    }

    /** {@code blocks} when given, else depth's; a CIFAR net has at most 3 stages, an ImageNet net at most 4. */
    private static List<Integer> blocksPerStage(KnobValues knobs, int depth, boolean cifar, int maxStages) {
        List<Integer> blocks = knobs.integerList("blocks");
        if (!blocks.isEmpty()) {
            if (blocks.size() > maxStages) {
                throw new KnobException("blocks", "a " + (cifar ? "CIFAR" : "ImageNet") + " ResNet has at most "
                        + maxStages + " stages, got " + blocks.size());
            }
            return blocks;
        }
        boolean cifarDepth = depth == 164 || depth == 1001;
        if (cifar != cifarDepth) {
            throw new KnobException("depth", cifar
                    ? "depth " + depth + " is an ImageNet net; the CIFAR nets have depth 164 or 1001 (or set blocks)"
                    : "depth " + depth + " is a CIFAR net; set dataset=cifar (or blocks for an ImageNet net)");
        }
        return BLOCKS_PER_STAGE.get(depth);
    }

    /** The narrowest SE block, on the first stage's output, must keep at least one reduction channel. */
    private static void checkSeRatio(Design design, int[] planes) {
        int narrowest = planes[0] * design.expansion();
        if (design.seRatio() > narrowest) {
            throw new KnobException("se_ratio", "r = " + design.seRatio() + " squeezes layer1's " + narrowest
                    + " channels to none; use r ≤ " + narrowest + " (or 0 for no SE block)");
        }
    }

    private static String block(NetBuilder b, String in, int inChannels, int planes, int stride, Design design) {
        int outChannels = planes * design.expansion();
        boolean projection = stride != 1 || inChannels != outChannels;
        String x = in;
        String shortcut = in;
        if (design.preact()) {
            x = b.add("preact_bn", new BatchNorm(), in);
            x = b.add("preact_relu", Activation.relu(), x);
            if (projection) {
                // timm's resnetv2 projects the normalized input, and first, as the shortcut has no batchnorm.
                shortcut = shortcutConv(outChannels, stride, design).add(b, "downsample", x);
            }
        }
        x = design.bottleneck() ? bottleneck(b, x, planes, stride, design) : basicBlock(b, x, planes, stride, design);
        if (design.seRatio() > 0) {
            x = SqueezeExcitation.reduced(outChannels, design.seRatio()).add(b, "se", x);
        }
        if (!design.preact() && projection) {
            shortcut = shortcutConv(outChannels, stride, design).add(b, "downsample", in);
        }
        String sum = b.add("add", new Add(), x, shortcut);
        return design.preact() ? sum : b.add("relu", Activation.relu(), sum);
    }

    /** A strided 1×1 projection; with batchnorm after it unless the block is pre-activated. */
    private static ConvBnAct shortcutConv(int outChannels, int stride, Design design) {
        ConvBnAct conv = ConvBnAct.pointwise(outChannels).withStride(stride).withoutActivation();
        return design.preact() ? conv.withoutBatchNorm() : conv;
    }

    /** The block's last convolution: batchnorm after it unless pre-activated, activation after the add. */
    private static ConvBnAct last(ConvBnAct conv, Design design) {
        ConvBnAct linear = conv.withoutActivation();
        return design.preact() ? linear.withoutBatchNorm() : linear;
    }

    private static String basicBlock(NetBuilder b, String in, int planes, int stride, Design design) {
        String x = ConvBnAct.of(planes, 3).withStride(stride).add(b, "conv1", in);
        return last(ConvBnAct.of(planes, 3), design).add(b, "conv2", x);
    }

    /** 1×1 reduce to C·d·(planes/64) channels, grouped 3×3 with C groups, 1×1 expand to 4·planes. */
    private static String bottleneck(NetBuilder b, String in, int planes, int stride, Design design) {
        int width = planes * design.d() / 64 * design.cardinality();
        String x = ConvBnAct.pointwise(width).add(b, "conv1", in);
        x = ConvBnAct.of(width, 3).withStride(stride).withGroups(design.cardinality()).add(b, "conv2", x);
        return last(ConvBnAct.pointwise(planes * 4), design).add(b, "conv3", x);
    }
}
