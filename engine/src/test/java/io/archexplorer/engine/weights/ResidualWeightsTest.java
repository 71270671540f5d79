package io.archexplorer.engine.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Input;
import org.junit.jupiter.api.Test;

/**
 * Convolutions that a residual add sums onto an identity path draw with He-normal's std divided by √(adds in the net);
 * a sum of two convolutions (a projection block) and a convolution behind a batchnorm keep He-normal.
 */
class ResidualWeightsTest {
    private static final int C = 32;
    private static final double HE_STD = Math.sqrt(2.0 / (C * 9));

    @Test
    void onlyConvolutionsStraightIntoAnAddAreScaled() {
        NetBuilder b = new NetBuilder("a projection block, two pre-activation blocks and a post-activation one");
        String x = b.add("in", new Input(1, C, 8, 8));
        x = b.add("add0", new Add(), b.add("branch0", conv(), x), b.add("projection0", conv(), x));
        for (int block = 1; block <= 2; block++) {
            String branch = b.add("relu" + block, Activation.relu(), x);
            branch = b.add("first" + block, conv(), branch);
            branch = b.add("last" + block, conv(), branch);
            x = b.add("add" + block, new Add(), branch, x);
        }
        String normalized = b.add("bn_before_add", new BatchNorm(), b.add("post", conv(), x));
        b.add("add3", new Add(), normalized, x);
        Net net = b.build();
        NetWeights w = NetWeights.generate(net, 3);

        double quarter = 1 / Math.sqrt(4);
        assertEquals(HE_STD, std(w, net, "branch0"), 0.03 * HE_STD, "summed with a projection: He-normal");
        assertEquals(HE_STD, std(w, net, "projection0"), 0.03 * HE_STD, "summed with a branch: He-normal");
        assertEquals(HE_STD, std(w, net, "first1"), 0.03 * HE_STD);
        assertEquals(HE_STD * quarter, std(w, net, "last1"), 0.03 * HE_STD * quarter);
        assertEquals(HE_STD * quarter, std(w, net, "last2"), 0.03 * HE_STD * quarter);
        assertEquals(HE_STD, std(w, net, "post"), 0.03 * HE_STD, "a batchnorm rescales it: He-normal");
    }

    private static Conv conv() {
        return new Conv(C, 3, 3, 1, 1, 1, 1, 1, 1, 1, false);
    }

    private static double std(NetWeights w, Net net, String layer) {
        float[] weight = w.layer(net.indexOf(layer)).weight();
        double sum = 0;
        for (float v : weight) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / weight.length);
    }
}
