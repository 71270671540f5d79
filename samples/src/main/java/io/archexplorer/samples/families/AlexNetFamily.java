package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.AdaptiveAvgPool;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;

/**
 * AlexNet (Krizhevsky et al. 2012, "ImageNet Classification with Deep Convolutional Neural Networks") in
 * torchvision's single-tower form (after Krizhevsky's "One weird trick", 2014): five convolutions, three max pools
 * and three fully connected layers, without local response normalization. With two groups conv2, conv4 and conv5
 * only see the half of their input computed on their own GPU, as in the paper's two-tower network.
 *
 * <p>{@code variant=zfnet} is Zeiler and Fergus's net (2013, "Visualizing and Understanding Convolutional Networks",
 * Figure 3): AlexNet's eight layers with a 7×7/2 first convolution of 96 filters (instead of 11×11/4), a 5×5/2 second
 * one of 256, 384, 384 and 256 filters in layers 3–5, 3×3/2 max pools that round up (110 → 55, 26 → 13, as the
 * figure's map sizes say), cross-map contrast normalization after the first two pools (AlexNet's LRN constants:
 * it costs no params or mult-adds) and fc6 reading the 6×6 map directly.
 */
public final class AlexNetFamily implements Family {

    @Override
    public String name() {
        return "alexnet";
    }

    @Override
    public String title() {
        return "AlexNet";
    }

    @Override
    public String reference() {
        return "Krizhevsky et al. 2012, ImageNet Classification with Deep Convolutional Neural Networks";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.choice("variant", "", "AlexNet (torchvision's) or ZFNet (Zeiler & Fergus 2013: 7×7/2 conv1, "
                        + "5×5/2 conv2)", "alexnet", "alexnet", "zfnet"),
                Knob.choice("groups", "", "towers (GPUs) that conv2, conv4 and conv5 are split into; 2 as in the "
                        + "paper", "1", "1", "2"),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return List.of(new Preset("alexnet", name(), "AlexNet (torchvision, one tower)", Map.of()),
                new Preset("zfnet", name(), "ZFNet (Zeiler & Fergus 2013, Figure 3)", Map.of("variant", "zfnet")));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        if (knobs.choice("variant").equals("zfnet")) {
            return zfnet(netName, knobs);
        }
        int towers = knobs.integer("groups");

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        x = ConvBnAct.convRelu(64, 11).withStride(4).withPadding(2).add(b, "conv1", x);
        x = b.add("pool1", Pool.max(3, 2, 0), x);
        x = ConvBnAct.convRelu(192, 5).withGroups(towers).add(b, "conv2", x);
        x = b.add("pool2", Pool.max(3, 2, 0), x);
        // conv3 is the one convolution that reads both towers.
        x = ConvBnAct.convRelu(384, 3).add(b, "conv3", x);
        x = ConvBnAct.convRelu(256, 3).withGroups(towers).add(b, "conv4", x);
        x = ConvBnAct.convRelu(256, 3).withGroups(towers).add(b, "conv5", x);
        x = b.add("pool5", Pool.max(3, 2, 0), x);
        x = b.add("avgpool", new AdaptiveAvgPool(6, 6), x);
        return classifier(b, x, knobs);
    }

    private Net zfnet(String netName, KnobValues knobs) {
        int towers = knobs.integer("groups");
        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        x = ConvBnAct.convRelu(96, 7).withStride(2).withPadding(1).add(b, "conv1", x);
        x = b.add("pool1", Pool.max(3, 2, 0).withCeilMode(), x);
        x = b.add("norm1", new Lrn(5, 1e-4, 0.75, 2), x);
        x = ConvBnAct.convRelu(256, 5).withStride(2).withPadding(0).withGroups(towers).add(b, "conv2", x);
        x = b.add("pool2", Pool.max(3, 2, 0).withCeilMode(), x);
        x = b.add("norm2", new Lrn(5, 1e-4, 0.75, 2), x);
        x = ConvBnAct.convRelu(384, 3).add(b, "conv3", x);
        x = ConvBnAct.convRelu(384, 3).withGroups(towers).add(b, "conv4", x);
        x = ConvBnAct.convRelu(256, 3).withGroups(towers).add(b, "conv5", x);
        x = b.add("pool5", Pool.max(3, 2, 0).withCeilMode(), x);
        return classifier(b, x, knobs);
    }

    /** flatten, then fc6 and fc7 (4096 each, with dropout before and ReLU after) and fc8 to the classes. */
    private Net classifier(NetBuilder b, String features, KnobValues knobs) {
        String x = b.add("flatten", new Flatten(), features);
        for (int fc = 6; fc <= 7; fc++) {
            x = b.add("drop" + fc, new Dropout(0.5), x);
            x = b.add("fc" + fc, new FullyConnected(4096, true), x);
            x = b.add("relu" + fc, Activation.relu(), x);
        }
        b.add("fc8", new FullyConnected(classes(knobs), true), x);
        return b.build();
    }
}
