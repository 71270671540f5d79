package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/** Channels [start, end) of the input: one part of a channel split (ShuffleNet V2's chunk, Caffe's Slice). */
public record ChannelSlice(int start, int end) implements Op {
    public ChannelSlice {
        Windows.requireNonNegative("start", start);
        if (end <= start) {
            throw new IllegalArgumentException("end " + end + " must be greater than start " + start);
        }
    }

    @Override
    public String kind() {
        return "slice";
    }

    @Override
    public String attributesSummary() {
        return start + ":" + end;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (end > in.c()) {
            throw new IllegalArgumentException("channels " + start + ":" + end + " exceed the input's " + in.c());
        }
        return in.withChannels(end - start);
    }
}
