package io.archexplorer.samples.onnx;

import java.util.Arrays;

/** A dense row-major float tensor of rank 2 (N×F) or 4 (N×C×H×W) for the reference computations. */
record Tensor(int[] dims, float[] data) {
    Tensor {
        if (Arrays.stream(dims).reduce(1, Math::multiplyExact) != data.length) {
            throw new IllegalArgumentException(Arrays.toString(dims) + " does not hold " + data.length + " values");
        }
    }

    static Tensor zeros(int... dims) {
        return new Tensor(dims, new float[Arrays.stream(dims).reduce(1, Math::multiplyExact)]);
    }

    int n() {
        return dims[0];
    }

    int c() {
        return dims[1];
    }

    int h() {
        return dims[2];
    }

    int w() {
        return dims[3];
    }

    float at(int n, int c, int y, int x) {
        return data[index(n, c, y, x)];
    }

    void set(int n, int c, int y, int x, double value) {
        data[index(n, c, y, x)] = (float) value;
    }

    /** Element {@code [n][f]} of a rank-2 tensor. */
    float at(int n, int f) {
        return data[n * dims[1] + f];
    }

    void set(int n, int f, double value) {
        data[n * dims[1] + f] = (float) value;
    }

    private int index(int n, int c, int y, int x) {
        return ((n * dims[1] + c) * dims[2] + y) * dims[3] + x;
    }
}
