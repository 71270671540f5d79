package io.archexplorer.samples.blocks;

/** The rules by which the papers' width multipliers turn a nominal width into whole channels. */
public final class Channels {
    private Channels() {
    }

    /**
     * torchvision's {@code _make_divisible(v, divisor)}, MobileNet's and EfficientNet's width rule (MnasNet's
     * {@code _round_to_multiple_of} too): v rounded to the nearest multiple of the divisor, halves up, at least the
     * divisor, and one divisor more where the rounding lost over 10 % of v, so that a thin layer is not thinned
     * further than its multiplier says.
     */
    public static int makeDivisible(double channels, int divisor) {
        int rounded = Math.max(divisor, (int) (channels + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * channels ? rounded + divisor : rounded;
    }

    /**
     * floor(ratio · channels), the rule of the papers' plain multipliers (DenseNet's θ, SqueezeNet's SR, MobileNet's
     * α). The tiny tolerance keeps a product that is a whole number in exact arithmetic, like 0.29 · 100, from
     * flooring to one less because of binary rounding.
     */
    public static int scaled(double ratio, int channels) {
        return (int) Math.floor(ratio * channels + 1e-9);
    }
}
