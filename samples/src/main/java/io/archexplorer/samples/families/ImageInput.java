package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.samples.knobs.Knob;

/** The input of the ImageNet families: one RGB image of ρ×ρ pixels, and the knob that sets ρ. */
final class ImageInput {
    private ImageInput() {
    }

    /** The input side in pixels, which every family accepts (ρ of MobileNet, as pixels). */
    static Knob resolution(int defaultPixels) {
        return Knob.integer("resolution", "ρ", "input image side in pixels (the net sees a 3×ρ×ρ image)",
                defaultPixels, 8, 4096);
    }

    static String add(NetBuilder b, int resolution) {
        return b.add("input", new Input(1, 3, resolution, resolution));
    }
}
