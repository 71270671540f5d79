package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Pool;

/** Layers the efficient mobile nets (MobileNet, ShuffleNet) share. */
final class MobileLayers {
    static final int IMAGENET_CLASSES = 1000;

    private MobileLayers() {
    }

    /** A 3×3 convolution with one filter per channel, padded to keep the size at stride 1. */
    static Conv depthwise3x3(int channels, int stride) {
        return Conv.of(channels, 3, stride, 1).withGroups(channels);
    }

    /** A 1×1 convolution across channels, optionally grouped (ShuffleNet's pointwise group convolution). */
    static Conv pointwise(int outChannels, int groups) {
        return Conv.of(outChannels, 1, 1, 0).withGroups(groups);
    }

    /** ShuffleNet's stem: conv1 3×3/2 + BN + ReLU, then a 3×3/2 max pool, quartering the side. */
    static String shuffleNetStem(NetBuilder b, String input, int channels) {
        String x = Layers.convBnRelu(b, "conv1", Conv.of(channels, 3, 2, 1), input);
        return b.add("maxpool", Pool.max(3, 2, 1), x);
    }

    /** Global average pool, then the ImageNet classifier (a biased fc), after dropout when the rate is > 0. */
    static String classifier(NetBuilder b, String features, double dropout) {
        String x = b.add("avgpool", new GlobalAvgPool(), features);
        x = b.add("flatten", new Flatten(), x);
        if (dropout > 0) {
            x = b.add("dropout", new Dropout(dropout), x);
        }
        return b.add("fc", new FullyConnected(IMAGENET_CLASSES, true), x);
    }
}
