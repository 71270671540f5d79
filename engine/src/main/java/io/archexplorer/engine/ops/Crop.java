package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/**
 * Caffe's Crop: the first input cut to the size of the second (the reference) in every dimension from
 * {@code axis} on, starting at {@code offsets} — one offset for all cropped dimensions, or one per dimension.
 */
public record Crop(int axis, List<Integer> offsets) implements Op {
    public Crop {
        offsets = List.copyOf(offsets);
        if (axis < 0 || axis > 3) {
            throw new IllegalArgumentException("axis must be 0 to 3, got " + axis);
        }
        if (offsets.size() > 1 && offsets.size() != 4 - axis) {
            throw new IllegalArgumentException("give one offset, or one per cropped dimension (" + (4 - axis)
                    + "), got " + offsets.size());
        }
        for (int o : offsets) {
            Windows.requireNonNegative("offset", o);
        }
    }

    @Override
    public String kind() {
        return "crop";
    }

    @Override
    public String attributesSummary() {
        return "axis " + axis + (offsets.isEmpty() ? "" : ", offset " + offsets);
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
        Shape in = inputs.get(0);
        Shape reference = inputs.get(1);
        if (reference.rank() != in.rank() || axis >= in.rank()) {
            throw new IllegalArgumentException("cannot crop " + in + " to " + reference + " from axis " + axis);
        }
        int[] dims = in.dims();
        int[] target = reference.dims();
        for (int d = axis; d < dims.length; d++) {
            int offset = offset(d);
            if (offset + target[d] > dims[d]) {
                throw new IllegalArgumentException("crop of " + target[d] + " at offset " + offset
                        + " exceeds dimension " + d + " of " + in);
            }
            dims[d] = target[d];
        }
        return Shape.of(dims);
    }

    /** The offset in dimension d (≥ axis); 0 when none is given, as in Caffe. */
    public int offset(int d) {
        if (offsets.isEmpty()) {
            return 0;
        }
        return offsets.size() == 1 ? offsets.get(0) : offsets.get(d - axis);
    }
}
