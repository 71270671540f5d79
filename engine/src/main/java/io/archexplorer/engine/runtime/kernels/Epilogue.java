package io.archexplorer.engine.runtime.kernels;

/**
 * What a kernel applies to each finished output value: {@code activation(value + rowBias[biasOffset + row])}.
 * A "row" is an output channel for convolutions and a row of C for {@link Sgemm}. With batchnorm folded into the
 * weights and bias, this is the whole "conv + bn + relu" tail, done on the tile while it is hot.
 *
 * @param rowBias one value per output row, or {@code null} for no bias
 */
public record Epilogue(float[] rowBias, int biasOffset, FusedActivation activation) {

    public static final Epilogue NONE = new Epilogue(null, 0, FusedActivation.NONE);

    public Epilogue {
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null; use FusedActivation.NONE");
        }
    }

    public static Epilogue of(float[] rowBias, FusedActivation activation) {
        return new Epilogue(rowBias, 0, activation);
    }

    public float bias(int row) {
        return rowBias == null ? 0f : rowBias[biasOffset + row];
    }

    /** Whether applying this epilogue changes anything, so callers can skip the pass entirely. */
    public boolean isIdentity() {
        return rowBias == null && activation == FusedActivation.NONE;
    }

    /** The same epilogue for a sub-range of rows starting at {@code firstRow}. */
    public Epilogue fromRow(int firstRow) {
        return rowBias == null ? this : new Epilogue(rowBias, biasOffset + firstRow, activation);
    }
}
