package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.AdaptiveAvgPool;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * VGG (Simonyan and Zisserman 2015, "Very Deep Convolutional Networks for Large-Scale Image Recognition"): five
 * stages of stacked 3×3 convolutions, each closed by 2×2 max pooling, and three fully connected layers. The depth
 * counts the weighted layers of the paper's configurations A (11), B (13), D (16) and E (19). The layout follows
 * torchvision: adaptive average pooling to 7×7 before fc6, and optional batchnorm after every convolution.
 */
public final class VggFamily implements Family {
    private static final int[] WIDTHS = {64, 128, 256, 512, 512};
    private static final Map<Integer, int[]> CONVS_PER_STAGE = Map.of(
            11, new int[] {1, 1, 2, 2, 2},
            13, new int[] {2, 2, 2, 2, 2},
            16, new int[] {2, 2, 3, 3, 3},
            19, new int[] {2, 2, 4, 4, 4});

    @Override
    public String name() {
        return "vgg";
    }

    @Override
    public String title() {
        return "VGG";
    }

    @Override
    public String reference() {
        return "Simonyan & Zisserman 2015, Very Deep Convolutional Networks for Large-Scale Image Recognition";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.choice("depth", "", "weighted layers: configuration A (11), B (13), D (16) or E (19)",
                        "16", "11", "13", "16", "19"),
                Knob.toggle("batch_norm", "", "batchnorm after every convolution (torchvision's _bn variants)",
                        false),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        List<Preset> presets = new ArrayList<>();
        for (boolean batchNorm : new boolean[] {false, true}) {
            for (int depth : new int[] {11, 13, 16, 19}) {
                presets.add(new Preset("vgg" + depth + (batchNorm ? "_bn" : ""), name(),
                        "VGG-" + depth + (batchNorm ? " with batchnorm" : ""),
                        Map.of("depth", "" + depth, "batch_norm", batchNorm ? "on" : "off")));
            }
        }
        return presets;
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        int[] convs = CONVS_PER_STAGE.get(knobs.integer("depth"));
        boolean batchNorm = knobs.toggle("batch_norm");

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        for (int stage = 1; stage <= WIDTHS.length; stage++) {
            try (var s = b.block("stage" + stage)) {
                for (int i = 1; i <= convs[stage - 1]; i++) {
                    String name = "conv" + stage + "_" + i;
                    // torchvision keeps the convolution's bias even when a batchnorm follows.
                    ConvBnAct conv = ConvBnAct.of(WIDTHS[stage - 1], 3).withBias(true);
                    x = (batchNorm ? conv : conv.withoutBatchNorm()).add(b, name, x);
                }
                x = b.add("pool" + stage, Pool.max(2, 2, 0), x);
            }
        }
        x = b.add("avgpool", new AdaptiveAvgPool(7, 7), x);
        x = b.add("flatten", new Flatten(), x);
        for (int fc = 6; fc <= 7; fc++) {
            x = b.add("fc" + fc, new FullyConnected(4096, true), x);
            x = b.add("relu" + fc, Activation.relu(), x);
            x = b.add("drop" + fc, new Dropout(0.5), x);
        }
        b.add("fc8", new FullyConnected(classes(knobs), true), x);
        return b.build();
    }
}
