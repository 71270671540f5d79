package io.archexplorer.engine.graph;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shape of a tensor: rank 4 (N, C, H, W) for feature maps, rank 2 (N, features) after flatten / fc, or
 * {@link #unknown()} below a layer whose semantics the engine does not know (an imported custom layer).
 * Immutable; element counts are {@code long} because a batch of large feature maps overflows an int.
 */
public final class Shape {
    /** Rank 0: nothing is known, so it prints as "?" and holds no elements. */
    private static final Shape UNKNOWN = new Shape(new int[0]);

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

    /** The shape of a tensor computed by a layer the engine cannot interpret, and of everything below it. */
    public static Shape unknown() {
        return UNKNOWN;
    }

    public boolean isKnown() {
        return dims.length > 0;
    }

    public int rank() {
        return dims.length;
    }

    public int n() {
        return known()[0];
    }

    /** Channels (rank 4) or features (rank 2). */
    public int c() {
        return known()[1];
    }

    private int[] known() {
        if (!isKnown()) {
            throw new IllegalStateException("the shape is unknown");
        }
        return dims;
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

    /** All elements; 0 for an unknown shape, which counts for nothing. */
    public long elements() {
        if (!isKnown()) {
            return 0;
        }
        long e = 1;
        for (int d : dims) {
            e *= d;
        }
        return e;
    }

    /** Elements of one image of the batch; 0 for an unknown shape. */
    public long elementsPerImage() {
        return isKnown() ? elements() / dims[0] : 0;
    }

    public Shape withChannels(int c) {
        int[] d = known().clone();
        d[1] = c;
        return new Shape(d);
    }

    public Shape withBatch(int n) {
        int[] d = known().clone();
        d[0] = n;
        return new Shape(d);
    }

    /** C×H×W (or the feature count): the per-image shape papers and Netscope print. */
    public String perImage() {
        if (!isKnown()) {
            return "?";
        }
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
        if (dims.length == 0) {
            return "?";
        }
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining("×"));
    }
}
