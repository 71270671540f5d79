package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;

/**
 * Network in Network (Lin, Chen and Yan 2014): each "mlpconv" layer is a spatial convolution followed by 1×1
 * convolutions (a small multilayer perceptron slid over the map), and global average pooling of the last block's
 * class maps replaces the fully connected classifier. The paper has no ImageNet net; this is the Caffe model zoo's
 * ImageNet NIN (gist mavenlin/d802a5849de39225bcc6, Netscope's preset), layer for layer with the file's names:
 * four mlpconv blocks (11×11/4, 96; 5×5, 256; 3×3, 384; 3×3, 1024) of one convolution and two 1×1 layers each, the
 * last of which outputs the classes, max pools (3×3/2, rounding up as Caffe does) between them, dropout before the
 * fourth, and a 6×6 average pool (then a flatten, where the file's loss layers read the map as a vector).
 */
public final class NinFamily implements Family {
    /** The spatial convolution of each mlpconv block: channels, kernel, stride, padding (the model zoo's). */
    private static final int[][] BLOCKS = {{96, 11, 4, 0}, {256, 5, 1, 2}, {384, 3, 1, 1}, {1024, 3, 1, 1}};

    @Override
    public String name() {
        return "nin";
    }

    @Override
    public String title() {
        return "Network in Network";
    }

    @Override
    public String reference() {
        return "Lin, Chen & Yan 2014, Network In Network; Caffe model zoo ImageNet NIN (mavenlin)";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.integer("mlpconv_depth", "", "1×1 layers after each mlpconv block's spatial convolution (the "
                        + "micro-network's depth; 2 in the model zoo's net)", 2, 0, 8),
                Knob.real("width", "", "multiplier of every mlpconv block's channels (1.0: 96, 256, 384, 1024); the "
                        + "last 1×1 layer keeps one map per class", 1.0, 0.125, 4.0),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return List.of(new Preset("nin", name(), "NIN, the Caffe model zoo's ImageNet net (Lin et al. 2014)",
                Map.of()));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        int depth = knobs.integer("mlpconv_depth");
        double width = knobs.real("width");
        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        // The model zoo numbers its ReLUs on through the net (relu0, relu1, ...), skipping relu4.
        int relu = 0;
        int cccp = 1;
        for (int block = 0; block < BLOCKS.length; block++) {
            boolean last = block == BLOCKS.length - 1;
            int channels = Math.max(1, (int) Math.round(BLOCKS[block][0] * width));
            String suffix = last ? "-" + BLOCKS[block][0] : "";
            if (last) {
                x = b.add("drop", new Dropout(0.5), x);
            }
            // Without 1×1 layers, the last spatial convolution outputs the class maps itself.
            int outputs = last && depth == 0 ? classes(knobs) : channels;
            x = unit(b, "conv" + (block + 1) + suffix, x, convolution(outputs, BLOCKS[block]), relu++);
            for (int i = 0; i < depth; i++) {
                relu += relu == 4 ? 1 : 0;
                int maps = last && i == depth - 1 ? classes(knobs) : channels;
                x = unit(b, "cccp" + cccp++ + suffix, x, ConvBnAct.pointwise(maps), relu++);
            }
            // The class maps are averaged by a 6×6 pool, the size of the last map at 224 pixels.
            x = last ? b.add("pool4", Pool.avg(6, 1, 0).withCeilMode(), x)
                    : b.add("pool" + (block == 0 ? 0 : block + 1), Pool.max(3, 2, 0).withCeilMode(), x);
        }
        // Caffe's loss layers read the 1000×1×1 map as a vector; here a flatten says so.
        b.add("flatten", new Flatten(), x);
        return b.build();
    }

    private static ConvBnAct convolution(int channels, int[] block) {
        return ConvBnAct.of(channels, block[1]).withStride(block[2]).withPadding(block[3]);
    }

    /** A convolution with bias and its ReLU, named as the model zoo names them ({@code cccp1}, {@code relu1}). */
    private static String unit(NetBuilder b, String name, String in, ConvBnAct conv, int relu) {
        String x = b.add(name, conv.withBias(true).conv(), in);
        return b.add("relu" + relu, Activation.relu(), x);
    }
}
