package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.Channels;
import io.archexplorer.samples.blocks.ClassifierHead;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobException;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DenseNet (Huang et al. 2017, "Densely Connected Convolutional Networks"): inside a dense block every layer sees
 * the concatenation of the block input and the k new feature maps ("growth rate") of every earlier layer; the
 * transitions between blocks compress the channels by θ and halve the resolution. Bottleneck layers (a 1×1
 * convolution to 4k channels before the 3×3) make it DenseNet-B, θ &lt; 1 DenseNet-C, both DenseNet-BC. The layout
 * follows torchvision: pre-activation (BN-ReLU-conv) layers and a 7×7 stem.
 */
public final class DenseNetFamily implements Family {
    /** The paper's bn_size: a bottleneck's 1×1 convolution produces 4k channels. */
    private static final int BOTTLENECK_WIDTH_PER_GROWTH = 4;

    @Override
    public String name() {
        return "densenet";
    }

    @Override
    public String title() {
        return "DenseNet";
    }

    @Override
    public String reference() {
        return "Huang et al. 2017, Densely Connected Convolutional Networks";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.integer("growth_rate", "k", "new feature maps each dense layer adds to the block's state",
                        32, 1, 128),
                Knob.integerList("blocks", "", "dense layers in each dense block (DenseNet-121: 6,12,24,16)",
                        List.of(6, 12, 24, 16), 1, 64, 6),
                Knob.integer("init_features", "", "channels of the 7×7 stem convolution (2k in the paper)",
                        64, 1, 512),
                Knob.real("compression", "θ", "a transition keeps floor(θ·channels) channels (DenseNet-C: θ < 1)",
                        0.5, 0.1, 1.0),
                Knob.toggle("bottleneck", "", "1×1 convolution to 4k channels before each 3×3 (DenseNet-B)", true),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return List.of(
                preset("densenet121", "DenseNet-121 (k = 32)", 32, "6,12,24,16", 64),
                preset("densenet161", "DenseNet-161 (k = 48)", 48, "6,12,36,24", 96),
                preset("densenet169", "DenseNet-169 (k = 32)", 32, "6,12,32,32", 64),
                preset("densenet201", "DenseNet-201 (k = 32)", 32, "6,12,48,32", 64));
    }

    private Preset preset(String name, String description, int growthRate, String blocks, int initFeatures) {
        return new Preset(name, name(), description, Map.of("growth_rate", "" + growthRate, "blocks", blocks,
                "init_features", "" + initFeatures));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        int k = knobs.integer("growth_rate");
        List<Integer> blocks = knobs.integerList("blocks");
        double theta = knobs.real("compression");
        boolean bottleneck = knobs.toggle("bottleneck");

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        int channels = knobs.integer("init_features");
        x = b.add("conv0", Conv.of(channels, 7, 2, 3), x);
        x = b.add("norm0", new BatchNorm(), x);
        x = b.add("relu0", Activation.relu(), x);
        x = b.add("pool0", Pool.max(3, 2, 1), x);
        for (int i = 0; i < blocks.size(); i++) {
            try (var block = b.block("denseblock" + (i + 1))) {
                x = denseBlock(b, x, blocks.get(i), k, bottleneck);
            }
            channels += blocks.get(i) * k;
            if (i < blocks.size() - 1) {
                int compressed = Channels.scaled(theta, channels);
                if (compressed < 1) {
                    throw new KnobException("compression", "θ = " + theta + " leaves transition" + (i + 1)
                            + " no channels out of " + channels);
                }
                try (var transition = b.block("transition" + (i + 1))) {
                    x = transition(b, x, compressed);
                }
                channels = compressed;
            }
        }
        x = b.add("norm5", new BatchNorm(), x);
        x = b.add("relu5", Activation.relu(), x);
        ClassifierHead.of(classes(knobs)).withFcName("classifier").add(b, x);
        return b.build();
    }

    /** Adds the dense layers; returns the block output, the concatenation of its input and all new features. */
    private static String denseBlock(NetBuilder b, String in, int layers, int k, boolean bottleneck) {
        List<String> features = new ArrayList<>();
        features.add(in);
        for (int j = 1; j <= layers; j++) {
            try (var layer = b.block("layer" + j)) {
                // torchvision concatenates inside the layer (torch.cat in DenseLayer.forward), so the concat
                // belongs to the layer that consumes it.
                String state = j == 1 ? in : b.add("concat", new Concat(), features.toArray(String[]::new));
                features.add(bottleneck ? bottleneckLayer(b, state, k) : plainLayer(b, state, k));
            }
        }
        return b.add("concat", new Concat(), features.toArray(String[]::new));
    }

    /** DenseNet-B's H_l: BN-ReLU-conv 1×1 to 4k, BN-ReLU-conv 3×3 to k. */
    private static String bottleneckLayer(NetBuilder b, String in, int k) {
        String x = preActivatedConv(b, "1", in, Conv.of(BOTTLENECK_WIDTH_PER_GROWTH * k, 1, 1, 0));
        return preActivatedConv(b, "2", x, Conv.of(k, 3, 1, 1));
    }

    /** The basic H_l: BN-ReLU-conv 3×3 to k. */
    private static String plainLayer(NetBuilder b, String in, int k) {
        return preActivatedConv(b, "", in, Conv.of(k, 3, 1, 1));
    }

    /** Adds norm{suffix}, relu{suffix} and conv{suffix} as torchvision names them; returns the conv's name. */
    private static String preActivatedConv(NetBuilder b, String suffix, String in, Conv conv) {
        String x = b.add("norm" + suffix, new BatchNorm(), in);
        x = b.add("relu" + suffix, Activation.relu(), x);
        return b.add("conv" + suffix, conv, x);
    }

    /** BN-ReLU-conv 1×1 to the compressed width, then 2×2 average pooling. */
    private static String transition(NetBuilder b, String in, int outChannels) {
        String x = preActivatedConv(b, "", in, Conv.of(outChannels, 1, 1, 0));
        return b.add("pool", Pool.avg(2, 2, 0), x);
    }
}
