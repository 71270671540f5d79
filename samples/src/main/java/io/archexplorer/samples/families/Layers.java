package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.samples.knobs.Knob;

/** The conv → batchnorm → activation pattern that nearly every family repeats, and the knob all families share. */
final class Layers {
    private Layers() {
    }

    /** Adds {@code <name>} (conv) and {@code <name>_bn}; returns the batchnorm's name. */
    static String convBn(NetBuilder b, String name, Conv conv, String input) {
        return convBn(b, name, conv, new BatchNorm(), input);
    }

    /** As {@link #convBn(NetBuilder, String, Conv, String)} with a given batchnorm (e.g. another eps). */
    static String convBn(NetBuilder b, String name, Conv conv, BatchNorm bn, String input) {
        String c = b.add(name, conv, input);
        return b.add(name + "_bn", bn, c);
    }

    /** Adds {@code <name>}, {@code <name>_bn} and {@code <name>_<activation>}; returns the activation's name. */
    static String convBnAct(NetBuilder b, String name, Conv conv, Activation.Function act, String input) {
        String bn = convBn(b, name, conv, input);
        return b.add(name + "_" + act.kind(), new Activation(act), bn);
    }

    static String convBnRelu(NetBuilder b, String name, Conv conv, String input) {
        return convBnAct(b, name, conv, Activation.Function.RELU, input);
    }

    /** Adds {@code <name>} (a conv, usually with bias) and {@code <name>_relu}: the pre-batchnorm nets' pattern. */
    static String convRelu(NetBuilder b, String name, Conv conv, String input) {
        String c = b.add(name, conv, input);
        return b.add(name + "_relu", Activation.relu(), c);
    }

    /**
     * floor(ratio · channels), the rule of the papers' width multipliers (DenseNet's θ, SqueezeNet's SR). The tiny
     * tolerance keeps a product that is a whole number in exact arithmetic, like 0.29 · 100, from flooring to one
     * less because of binary rounding.
     */
    static int scaledChannels(double ratio, int channels) {
        return (int) Math.floor(ratio * channels + 1e-9);
    }

    /** The input side in pixels, which every family accepts (ρ of MobileNet, as pixels). */
    static Knob resolution(int defaultPixels) {
        return Knob.integer("resolution", "ρ", "input image side in pixels (the net sees a 3×ρ×ρ image)",
                defaultPixels, 8, 4096);
    }

    /** The input layer of an RGB image net at the knob's resolution. */
    static String rgbInput(NetBuilder b, int resolution) {
        return b.add("input", new Input(1, 3, resolution, resolution));
    }
}
