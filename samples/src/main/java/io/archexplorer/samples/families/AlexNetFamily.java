package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.AdaptiveAvgPool;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
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
                Layers.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return List.of(new Preset("alexnet", name(), "AlexNet (torchvision, one tower)", Map.of()));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        int towers = knobs.integer("groups");

        NetBuilder b = new NetBuilder(netName);
        String x = Layers.rgbInput(b, knobs.integer("resolution"));
        x = Layers.convRelu(b, "conv1", conv(64, 11, 4, 2), x);
        x = b.add("pool1", Pool.max(3, 2, 0), x);
        x = Layers.convRelu(b, "conv2", conv(192, 5, 1, 2).withGroups(towers), x);
        x = b.add("pool2", Pool.max(3, 2, 0), x);
        // conv3 is the one convolution that reads both towers.
        x = Layers.convRelu(b, "conv3", conv(384, 3, 1, 1), x);
        x = Layers.convRelu(b, "conv4", conv(256, 3, 1, 1).withGroups(towers), x);
        x = Layers.convRelu(b, "conv5", conv(256, 3, 1, 1).withGroups(towers), x);
        x = b.add("pool5", Pool.max(3, 2, 0), x);
        x = b.add("avgpool", new AdaptiveAvgPool(6, 6), x);
        x = b.add("flatten", new Flatten(), x);
        for (int fc = 6; fc <= 7; fc++) {
            x = b.add("drop" + fc, new Dropout(0.5), x);
            x = b.add("fc" + fc, new FullyConnected(4096, true), x);
            x = b.add("relu" + fc, Activation.relu(), x);
        }
        b.add("fc8", new FullyConnected(1000, true), x);
        return b.build();
    }

    private static Conv conv(int outChannels, int kernel, int stride, int pad) {
        return Conv.of(outChannels, kernel, stride, pad).withBias(true);
    }
}
