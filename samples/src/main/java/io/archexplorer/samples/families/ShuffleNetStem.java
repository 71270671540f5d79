package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.samples.blocks.ConvBnAct;

/** ShuffleNet's stem, V1's and V2's alike: conv1 3×3/2 + BN + ReLU, then a 3×3/2 max pool, quartering the side. */
final class ShuffleNetStem {
    private ShuffleNetStem() {
    }

    static String add(NetBuilder b, String input, int channels) {
        String x = ConvBnAct.of(channels, 3).withStride(2).add(b, "conv1", input);
        return b.add("maxpool", Pool.max(3, 2, 1), x);
    }
}
