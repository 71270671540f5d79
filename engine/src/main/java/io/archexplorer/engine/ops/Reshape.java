package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/**
 * Caffe's Reshape over the whole shape: each entry of {@code dims} is a size, 0 (copy the input's size in that
 * position) or −1 (inferred from the element count; at most one). The result must have 2 or 4 dimensions.
 */
public record Reshape(List<Integer> dims) implements Op {
    public Reshape {
        dims = List.copyOf(dims);
        if (dims.size() != 2 && dims.size() != 4) {
            throw new IllegalArgumentException("the engine's tensors have 2 or 4 dimensions, got " + dims.size());
        }
        if (dims.stream().filter(d -> d == -1).count() > 1) {
            throw new IllegalArgumentException("at most one dimension may be −1");
        }
        if (dims.stream().anyMatch(d -> d < -1)) {
            throw new IllegalArgumentException("dimensions must be ≥ −1, got " + dims);
        }
    }

    @Override
    public String kind() {
        return "reshape";
    }

    @Override
    public String attributesSummary() {
        return dims.toString();
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        int[] source = in.dims();
        int[] out = new int[dims.size()];
        long known = 1;
        int inferred = -1;
        for (int d = 0; d < out.length; d++) {
            int size = dims.get(d);
            if (size == 0) {
                if (d >= source.length) {
                    throw new IllegalArgumentException("dimension " + d + " is 0 (copy) but " + in + " has no such");
                }
                size = source[d];
            }
            if (size == -1) {
                inferred = d;
            } else {
                out[d] = size;
                known = Math.multiplyExact(known, size);
            }
        }
        if (inferred >= 0) {
            if (in.elements() % known != 0) {
                throw new IllegalArgumentException("cannot infer a dimension: " + in + " is not divisible by "
                        + known);
            }
            out[inferred] = Math.toIntExact(in.elements() / known);
        }
        Shape result = Shape.of(out);
        if (result.elements() != in.elements() || result.n() != in.n()) {
            throw new IllegalArgumentException("cannot reshape " + in + " to " + result
                    + " (element count or batch differs)");
        }
        return result;
    }
}
