package io.archexplorer.engine.graph;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shape of a tensor: rank 4 (N, C, H, W) for feature maps, rank 2 (N, features) after flatten / fc.
 * Immutable; element counts are {@code long} because a batch of large feature maps overflows an int.
 */
public final class Shape {
    private final int[] dims;

    /** More elements than any machine holds; a bound that keeps every element count and cost within a long. */
    private static final long MAX_ELEMENTS = 1L << 40;

    private Shape(int[] dims) {
        long elements = 1;
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape " + format(dims) + " has a dimension ≤ 0");
            }
            elements *= d;
            if (elements > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + format(dims) + " has more than 2^40 elements");
            }
        }
        this.dims = dims;
    }

    public static Shape of(int n, int c, int h, int w) {
        return new Shape(new int[] {n, c, h, w});
    }

    public static Shape of(int n, int features) {
        return new Shape(new int[] {n, features});
    }

    public static Shape of(int[] dims) {
        if (dims.length != 2 && dims.length != 4) {
            throw new IllegalArgumentException("shape must have 2 or 4 dimensions, got " + dims.length);
        }
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int n() {
        return dims[0];
    }

    /** Channels (rank 4) or features (rank 2). */
    public int c() {
        return dims[1];
    }

    public int h() {
        return spatial(2);
    }

    public int w() {
        return spatial(3);
    }

    private int spatial(int axis) {
        if (dims.length != 4) {
            throw new IllegalStateException("shape " + this + " has no spatial dimensions");
        }
        return dims[axis];
    }

    public boolean isFeatureMap() {
        return dims.length == 4;
    }

    public int[] dims() {
        return dims.clone();
    }

    public long elements() {
        long e = 1;
        for (int d : dims) {
            e *= d;
        }
        return e;
    }

    /** Elements of one image of the batch. */
    public long elementsPerImage() {
        return elements() / dims[0];
    }

    public Shape withChannels(int c) {
        int[] d = dims.clone();
        d[1] = c;
        return new Shape(d);
    }

    public Shape withBatch(int n) {
        int[] d = dims.clone();
        d[0] = n;
        return new Shape(d);
    }

    /** C×H×W (or the feature count): the per-image shape papers and Netscope print. */
    public String perImage() {
        return Arrays.stream(dims, 1, dims.length).mapToObj(Integer::toString).collect(Collectors.joining("×"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return format(dims);
    }

    private static String format(int[] dims) {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("×"));
    }
}
