package io.archexplorer.samples.onnx;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.ConvTranspose;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.weights.LayerWeights;
import io.archexplorer.engine.weights.NetWeights;
import java.util.Random;

/**
 * Weights for the op tests. Unlike {@link NetWeights#generate}, biases and batchnorm statistics are not neutral, so
 * an exporter or runtime that dropped one would be caught.
 */
final class RandomWeights {
    private RandomWeights() {
    }

    /** Gaussian weights and biases, batchnorm statistics away from the identity (variance in [0.5, 1.5)). */
    static NetWeights of(Net net) {
        Random random = new Random(5);
        LayerWeights[] layers = new LayerWeights[net.size()];
        for (int i = 0; i < net.size(); i++) {
            Op op = net.layer(i).op();
            long inputs = net.inputShapes(i).isEmpty() ? 0 : net.inputShapes(i).get(0).elementsPerImage();
            if (op instanceof Conv conv) {
                int perOutput = net.inputShapes(i).get(0).c() / conv.groups() * conv.kernelH() * conv.kernelW();
                layers[i] = new LayerWeights(gaussian(random, conv.outChannels() * perOutput),
                        conv.bias() ? gaussian(random, conv.outChannels()) : null, null, null, null, null);
            } else if (op instanceof ConvTranspose up) {
                int c = net.inputShapes(i).get(0).c();
                int perInput = up.outChannels() / up.groups() * up.kernelH() * up.kernelW();
                layers[i] = new LayerWeights(gaussian(random, c * perInput),
                        up.bias() ? gaussian(random, up.outChannels()) : null, null, null, null, null);
            } else if (op instanceof Scale scale) {
                int c = net.inputShapes(i).get(0).c();
                layers[i] = new LayerWeights(null, null, gaussian(random, c),
                        scale.bias() ? gaussian(random, c) : null, null, null);
            } else if (op instanceof FullyConnected fc) {
                layers[i] = new LayerWeights(gaussian(random, Math.toIntExact(fc.outFeatures() * inputs)),
                        fc.bias() ? gaussian(random, fc.outFeatures()) : null, null, null, null, null);
            } else if (op instanceof BatchNorm) {
                int c = net.inputShapes(i).get(0).c();
                float[] variance = new float[c];
                for (int k = 0; k < c; k++) {
                    variance[k] = 0.5f + random.nextFloat();
                }
                layers[i] = new LayerWeights(null, null, gaussian(random, c), gaussian(random, c),
                        gaussian(random, c), variance);
            } else {
                layers[i] = LayerWeights.NONE;
            }
        }
        return new NetWeights(layers);
    }

    private static float[] gaussian(Random random, int count) {
        float[] values = new float[count];
        for (int k = 0; k < count; k++) {
            values[k] = (float) random.nextGaussian();
        }
        return values;
    }
}
