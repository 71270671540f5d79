package io.archexplorer.engine.weights;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.memory.HeapBudget;
import io.archexplorer.engine.memory.InsufficientMemoryException;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.ConvTranspose;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.Scale;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The weights of every layer of a net, index-aligned with {@link Net#layers()}.
 *
 * <p>{@link #generate} makes them deterministically from a seed so that {@code run} and {@code export} with the
 * same seed use bit-identical weights: He-normal (std √(2 / fan-in)) for conv and fc weights, zero biases, and
 * batchnorm with γ = 1, β = 0, mean 0, variance 1 (a scale layer: γ = 1, β = 0). He-normal keeps the variance of
 * activations roughly constant through ReLU layers, so the deepest presets stay finite. A convolution that a residual
 * add sums onto an identity path, with no batchnorm to rescale it (the last convolution of a pre-activation block),
 * draws with std √(2 / fan-in) / √(adds in the net): each of the net's L residual sums then grows the identity path's
 * variance by a factor of at most 1 + 1/L, so all L together stay within e times the first (without it, a
 * pre-activation ResNet-1001 doubles its variance 333 times). Where both summands are convolutions (a projection
 * shortcut's block) neither is scaled: that sum starts the identity path anew. Each layer draws from its own
 * generator seeded by the seed and the layer's name, so adding a layer elsewhere does not change a layer's weights.
 */
public final class NetWeights {
    private final LayerWeights[] layers;

    public NetWeights(LayerWeights[] layers) {
        this.layers = layers.clone();
    }

    /**
     * @throws InsufficientMemoryException when the weights would not fit in the heap (checked before allocating)
     * @throws IllegalArgumentException naming an opaque layer or one of unknown shape, which has no weights to make
     */
    public static NetWeights generate(Net net, long seed) {
        net.requireKnownShapes("make weights for");
        requireFitsInHeap(net);
        LayerWeights[] w = new LayerWeights[net.size()];
        ResidualBranches branches = ResidualBranches.of(net);
        for (int i = 0; i < net.size(); i++) {
            w[i] = generate(net, i, seed, branches);
        }
        return new NetWeights(w);
    }

    /** Bytes of the float tensors {@link #generate} makes for this net, batchnorm buffers included. */
    public static long generatedBytes(Net net) {
        long floats = 0;
        for (int i = 0; i < net.size(); i++) {
            Layer l = net.layer(i);
            if (hasOneWeightArray(l.op()) || l.op() instanceof Scale) {
                floats += l.op().params(net.inputShapes(i));
            } else if (l.op() instanceof BatchNorm) {
                floats += 4L * net.inputShapes(i).get(0).c();
            }
        }
        return 4 * floats;
    }

    /** Refuses a net whose weights alone do not fit, or whose one layer needs more weights than an array holds. */
    private static void requireFitsInHeap(Net net) {
        for (int i = 0; i < net.size(); i++) {
            Layer l = net.layer(i);
            if (hasOneWeightArray(l.op()) && l.op().params(net.inputShapes(i)) > Integer.MAX_VALUE - 8) {
                throw new InsufficientMemoryException(net.name() + ": layer '" + l.name() + "' has "
                        + l.op().params(net.inputShapes(i)) + " weights, more than one Java array holds (2^31)");
            }
        }
        HeapBudget.check(net, generatedBytes(net), 0, 0);
    }

    /** Ops whose weights are one array of (almost) all their params. */
    private static boolean hasOneWeightArray(Op op) {
        return op instanceof Conv || op instanceof ConvTranspose || op instanceof FullyConnected;
    }

    private static LayerWeights generate(Net net, int i, long seed, ResidualBranches branches) {
        Layer layer = net.layer(i);
        Shape in = net.inputShapes(i).isEmpty() ? null : net.inputShapes(i).get(0);
        if (layer.op() instanceof Conv conv) {
            int fanIn = in.c() / conv.groups() * conv.kernelH() * conv.kernelW();
            float[] weight = heNormal(layer.name(), seed, Math.multiplyExact(conv.outChannels(), fanIn), fanIn,
                    branches.feedsAdd()[i] ? branches.scale() : 1);
            return new LayerWeights(weight, conv.bias() ? new float[conv.outChannels()] : null, null, null, null,
                    null);
        }
        if (layer.op() instanceof ConvTranspose up) {
            // PyTorch's fan-in for a transposed convolution's [in][out/groups][kh][kw] weights: its second dimension
            // times the kernel.
            int fanIn = up.outChannels() / up.groups() * up.kernelH() * up.kernelW();
            float[] weight = heNormal(layer.name(), seed, in.c() * fanIn, fanIn, 1);
            return new LayerWeights(weight, up.bias() ? new float[up.outChannels()] : null, null, null, null, null);
        }
        if (layer.op() instanceof FullyConnected fc) {
            int fanIn = Math.toIntExact(in.elementsPerImage());
            float[] weight = heNormal(layer.name(), seed, Math.multiplyExact(fc.outFeatures(), fanIn), fanIn, 1);
            return new LayerWeights(weight, fc.bias() ? new float[fc.outFeatures()] : null, null, null, null, null);
        }
        if (layer.op() instanceof BatchNorm) {
            int c = in.c();
            return new LayerWeights(null, null, filled(c, 1f), new float[c], new float[c], filled(c, 1f));
        }
        if (layer.op() instanceof Scale scale) {
            int c = in.c();
            return new LayerWeights(null, null, filled(c, 1f), scale.bias() ? new float[c] : null, null, null);
        }
        return LayerWeights.NONE;
    }

    /**
     * The convolutions an add sums onto an identity path (another of its inputs is no convolution), and
     * 1 / √(adds in the net), the std factor of their weights.
     */
    private record ResidualBranches(boolean[] feedsAdd, double scale) {
        static ResidualBranches of(Net net) {
            boolean[] feeds = new boolean[net.size()];
            int adds = 0;
            for (int j = 0; j < net.size(); j++) {
                if (net.layer(j).op() instanceof Add) {
                    adds++;
                    int[] inputs = net.inputIndices(j);
                    boolean ontoIdentity = Arrays.stream(inputs).anyMatch(k -> !(net.layer(k).op() instanceof Conv));
                    for (int k : inputs) {
                        feeds[k] |= ontoIdentity && net.layer(k).op() instanceof Conv;
                    }
                }
            }
            return new ResidualBranches(feeds, 1 / Math.sqrt(Math.max(adds, 1)));
        }
    }

    /**
     * Normal samples by the Box–Muller transform over a {@link SplittableRandom}: two samples per pair of uniforms,
     * several times faster than {@link java.util.Random#nextGaussian()}, which matters for VGG's 138 M weights.
     */
    private static float[] heNormal(String layerName, long seed, int count, int fanIn, double scale) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + fnv1a(layerName));
        double std = Math.sqrt(2.0 / fanIn) * scale;
        float[] w = new float[count];
        for (int k = 0; k < count; k += 2) {
            double radius = std * Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
            double angle = 2 * Math.PI * random.nextDouble();
            w[k] = (float) (radius * Math.cos(angle));
            if (k + 1 < count) {
                w[k + 1] = (float) (radius * Math.sin(angle));
            }
        }
        return w;
    }

    /**
     * A 64-bit hash of the layer's name (FNV-1a over its UTF-16 units): unlike {@link String#hashCode()}, names
     * like "Aa" and "BB" do not collide, so no two layers of a net get the same weights.
     */
    private static long fnv1a(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    public LayerWeights layer(int i) {
        return layers[i];
    }

    public int size() {
        return layers.length;
    }

    /** Bytes of all weights and batchnorm buffers. */
    public long bytes() {
        long b = 0;
        for (LayerWeights w : layers) {
            b += w.bytes();
        }
        return b;
    }
}
