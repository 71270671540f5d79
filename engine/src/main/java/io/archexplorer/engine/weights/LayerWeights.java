package io.archexplorer.engine.weights;

/**
 * The tensors one layer owns, flat and row-major. Conv weights are OIHW ({@code [out][in/groups][kh][kw]}), fc
 * weights {@code [out][in]} as PyTorch and ONNX store them. Absent tensors are {@code null}.
 *
 * @param weight conv or fc weights
 * @param bias conv or fc bias
 * @param gamma batchnorm scale γ
 * @param beta batchnorm shift β
 * @param mean batchnorm running mean (a buffer, not a parameter)
 * @param variance batchnorm running variance (a buffer, not a parameter)
 */
public record LayerWeights(float[] weight, float[] bias, float[] gamma, float[] beta, float[] mean,
                           float[] variance) {

    public static final LayerWeights NONE = new LayerWeights(null, null, null, null, null, null);

    /** Bytes of every tensor, buffers included. */
    public long bytes() {
        return 4L * (length(weight) + length(bias) + length(gamma) + length(beta) + length(mean) + length(variance));
    }

    private static long length(float[] a) {
        return a == null ? 0 : a.length;
    }
}
