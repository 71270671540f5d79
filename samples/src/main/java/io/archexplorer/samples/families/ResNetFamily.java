package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.ClassifierHead;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobException;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;

/**
 * ResNet (He et al. 2016), ResNeXt (Xie et al. 2017) and Wide ResNet (Zagoruyko and Komodakis 2016) are one
 * family: a bottleneck's 3×3 convolution has C groups of d channels each (per 64 planes), so C = 1, d = 64 is
 * ResNet, C = 32, d = 4 is ResNeXt-32×4d and C = 1, d = 128 is Wide ResNet-2. The layout follows torchvision
 * (stride on the 3×3 convolution, "ResNet v1.5").
 */
public final class ResNetFamily implements Family {
    private static final int[] PLANES = {64, 128, 256, 512};
    private static final Map<Integer, int[]> BLOCKS_PER_STAGE = Map.of(
            18, new int[] {2, 2, 2, 2},
            34, new int[] {3, 4, 6, 3},
            50, new int[] {3, 4, 6, 3},
            101, new int[] {3, 4, 23, 3},
            152, new int[] {3, 8, 36, 3});

    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public String title() {
        return "ResNet / ResNeXt / Wide ResNet";
    }

    @Override
    public String reference() {
        return "He et al. 2016; Xie et al. 2017 (ResNeXt); Zagoruyko & Komodakis 2016 (Wide ResNet)";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.choice("depth", "", "number of weighted layers; 18 and 34 use basic blocks, 50+ bottlenecks",
                        "50", "18", "34", "50", "101", "152"),
                Knob.integer("cardinality", "C", "number of parallel paths (groups) in each ResNeXt bottleneck",
                        1, 1, 256),
                Knob.integer("bottleneck_width", "d", "channels per path of a bottleneck's 3×3 conv in the first "
                        + "stage (64 for ResNet, 4 for ResNeXt-32×4d, 128 for Wide ResNet-2)", 64, 1, 1024),
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
                preset("wide_resnet50_2", "Wide ResNet-50-2", 50, 1, 128));
    }

    private Preset preset(String name, String description, int depth, int cardinality, int width) {
        return new Preset(name, name(), description, Map.of("depth", "" + depth, "cardinality", "" + cardinality,
                "bottleneck_width", "" + width));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        int depth = knobs.integer("depth");
        int cardinality = knobs.integer("cardinality");
        int d = knobs.integer("bottleneck_width");
        boolean bottleneck = depth >= 50;
        if (!bottleneck && cardinality != 1) {
            throw new KnobException("cardinality", "depth " + depth + " uses basic blocks, which have no grouped "
                    + "3×3 convolution; use depth 50, 101 or 152 for C > 1");
        }
        if (!bottleneck && d != 64) {
            throw new KnobException("bottleneck_width", "depth " + depth + " uses basic blocks, which have no "
                    + "bottleneck; use depth 50, 101 or 152 to change d");
        }

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        x = ConvBnAct.of(64, 7).withStride(2).add(b, "conv1", x);
        x = b.add("maxpool", Pool.max(3, 2, 1), x);
        int channels = 64;
        int[] blocks = BLOCKS_PER_STAGE.get(depth);
        for (int stage = 0; stage < 4; stage++) {
            for (int i = 0; i < blocks[stage]; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                String block = "layer" + (stage + 1) + "." + i;
                try (var scope = b.block(block)) {
                    x = bottleneck
                            ? bottleneck(b, x, channels, PLANES[stage], stride, cardinality, d)
                            : basicBlock(b, x, channels, PLANES[stage], stride);
                }
                channels = PLANES[stage] * (bottleneck ? 4 : 1);
            }
        }
        ClassifierHead.of(classes(knobs)).add(b, x);
        return b.build();
    }

    private static String basicBlock(NetBuilder b, String in, int inChannels, int planes, int stride) {
        String x = ConvBnAct.of(planes, 3).withStride(stride).add(b, "conv1", in);
        x = ConvBnAct.of(planes, 3).withoutActivation().add(b, "conv2", x);
        return residual(b, in, x, inChannels, planes, stride);
    }

    /** 1×1 reduce to C·d·(planes/64) channels, grouped 3×3 with C groups, 1×1 expand to 4·planes. */
    private static String bottleneck(NetBuilder b, String in, int inChannels, int planes, int stride,
                                     int cardinality, int d) {
        int width = planes * d / 64 * cardinality;
        String x = ConvBnAct.pointwise(width).add(b, "conv1", in);
        x = ConvBnAct.of(width, 3).withStride(stride).withGroups(cardinality).add(b, "conv2", x);
        x = ConvBnAct.pointwise(planes * 4).withoutActivation().add(b, "conv3", x);
        return residual(b, in, x, inChannels, planes * 4, stride);
    }

    /** Adds the shortcut (a strided 1×1 projection when the shape changes) and the final ReLU. */
    private static String residual(NetBuilder b, String in, String branch, int inChannels, int outChannels,
                                   int stride) {
        String shortcut = in;
        if (stride != 1 || inChannels != outChannels) {
            shortcut = ConvBnAct.pointwise(outChannels).withStride(stride).withoutActivation().add(b, "downsample", in);
        }
        String sum = b.add("add", new Add(), branch, shortcut);
        return b.add("relu", Activation.relu(), sum);
    }
}
