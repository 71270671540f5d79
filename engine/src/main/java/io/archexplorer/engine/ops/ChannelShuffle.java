package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/** ShuffleNet's channel shuffle: view channels as groups × (C/groups), transpose, flatten back. */
public record ChannelShuffle(int groups) implements Op {
    public ChannelShuffle {
        Windows.requirePositive("groups", groups);
    }

    @Override
    public String kind() {
        return "shuffle";
    }

    @Override
    public String attributesSummary() {
        return "g=" + groups;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.featureMap(inputs, kind());
        if (in.c() % groups != 0) {
            throw new IllegalArgumentException("channels " + in.c() + " not divisible by groups " + groups);
        }
        return in;
    }
}
