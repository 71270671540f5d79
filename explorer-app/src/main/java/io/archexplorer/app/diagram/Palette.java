package io.archexplorer.app.diagram;

import io.archexplorer.engine.analysis.OpCategory;
import java.util.EnumMap;
import java.util.Map;

/**
 * Colours by kind of operation, Netscope's convention extended: convolutions blue, fully connected purple, pooling
 * green, element-wise joins orange, channel plumbing (concat, split, shuffle) teal, normalization and activations
 * grey. Depthwise and pointwise convolutions get their own shades, since telling them apart is the lesson of
 * MobileNet and ShuffleNet.
 */
public final class Palette {
    private static final Map<OpCategory, Rgb> COLORS = new EnumMap<>(OpCategory.class);
    /** Collapsed blocks: a colour no op uses. */
    public static final Rgb BLOCK = Rgb.hex("#c0504d");

    static {
        COLORS.put(OpCategory.INPUT, Rgb.hex("#5f6b7a"));
        COLORS.put(OpCategory.CONV, Rgb.hex("#2f6fbf"));
        COLORS.put(OpCategory.DEPTHWISE_CONV, Rgb.hex("#27a0c8"));
        COLORS.put(OpCategory.POINTWISE_CONV, Rgb.hex("#4a56c4"));
        COLORS.put(OpCategory.GROUPED_CONV, Rgb.hex("#6a4fc4"));
        COLORS.put(OpCategory.FULLY_CONNECTED, Rgb.hex("#8e44ad"));
        COLORS.put(OpCategory.POOLING, Rgb.hex("#3c9a5f"));
        COLORS.put(OpCategory.ELEMENTWISE, Rgb.hex("#d9822b"));
        COLORS.put(OpCategory.CHANNEL_PLUMBING, Rgb.hex("#1f9e8f"));
        COLORS.put(OpCategory.NORMALIZATION, Rgb.hex("#8a8f98"));
        COLORS.put(OpCategory.ACTIVATION, Rgb.hex("#b0a12f"));
        COLORS.put(OpCategory.OTHER, Rgb.hex("#9aa3ad"));
    }

    private Palette() {
    }

    public static Rgb color(OpCategory category) {
        return COLORS.get(category);
    }
}
