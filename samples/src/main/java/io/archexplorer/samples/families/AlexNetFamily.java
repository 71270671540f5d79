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
import java.util.List;
import java.util.Map;

/**
 * AlexNet (Krizhevsky et al. 2012, "ImageNet Classification with Deep Convolutional Neural Networks") in
 * torchvision's single-tower form (after Krizhevsky's "One weird trick", 2014): five convolutions, three max pools
 * and three fully connected layers, without local response normalization. With two groups conv2, conv4 and conv5
 * only see the half of their input computed on their own GPU, as in the paper's two-tower network.
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
                Knob.choice("groups", "", "towers (GPUs) that conv2, conv4 and conv5 are split into; 2 as in the "
                        + "paper", "1", "1", "2"),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return List.of(new Preset("alexnet", name(), "AlexNet (torchvision, one tower)", Map.of()));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
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
        x = b.add("flatten", new Flatten(), x);
        for (int fc = 6; fc <= 7; fc++) {
            x = b.add("drop" + fc, new Dropout(0.5), x);
            x = b.add("fc" + fc, new FullyConnected(4096, true), x);
            x = b.add("relu" + fc, Activation.relu(), x);
        }
        b.add("fc8", new FullyConnected(classes(knobs), true), x);
        return b.build();
    }
}
