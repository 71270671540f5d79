package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/**
 * Scales each channel of a feature map by a per-channel factor: inputs are the map (N×C×H×W) and the factors
 * (N×C×1×1 or N×C). This is the "scale" step of a squeeze-and-excitation block.
 */
public record ChannelMultiply() implements Op {
    @Override
    public String kind() {
        return "channel_mul";
    }

    @Override
    public int minInputs() {
        return 2;
    }

    @Override
    public int maxInputs() {
        return 2;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape map = Inputs.featureMap(inputs, kind());
        Shape scale = inputs.get(1);
        boolean perChannel = scale.n() == map.n() && scale.c() == map.c()
                && (!scale.isFeatureMap() || scale.h() == 1 && scale.w() == 1);
        if (!perChannel) {
            throw new IllegalArgumentException("scale " + scale + " is not one factor per channel of " + map);
        }
        return map;
    }
}
