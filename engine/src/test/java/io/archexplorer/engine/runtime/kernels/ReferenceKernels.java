package io.archexplorer.engine.runtime.kernels;

/**
 * Obviously-correct kernels the fast ones are checked against: plain loops, double accumulation, no blocking.
 * Calling them on element-wise absolute values of the operands gives the magnitude of the sums, which sets the
 * tolerance of a comparison (see {@link KernelAssertions}).
 */
public final class ReferenceKernels {

    private ReferenceKernels() {
    }

    public static void gemm(int m, int n, int k, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                     float[] c, int cOffset, int ldc, boolean accumulate, Epilogue epilogue) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = accumulate ? c[cOffset + i * ldc + j] : 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[aOffset + i * lda + p] * b[bOffset + p * ldb + j];
                }
                c[cOffset + i * ldc + j] = epilogue.activation().apply((float) (sum + epilogue.bias(i)));
            }
        }
    }

    /** Direct convolution, one output element at a time, with explicit bounds tests for padding. */
    public static void conv(ConvGeometry g, float[] input, float[] weights, Epilogue epilogue, float[] output) {
        int inPerGroup = g.inChannelsPerGroup();
        int outPerGroup = g.outChannelsPerGroup();
        for (int n = 0; n < g.batch(); n++) {
            for (int oc = 0; oc < g.outChannels(); oc++) {
                int group = oc / outPerGroup;
                for (int oy = 0; oy < g.outHeight(); oy++) {
                    for (int ox = 0; ox < g.outWidth(); ox++) {
                        double sum = 0;
                        for (int ic = 0; ic < inPerGroup; ic++) {
                            int channel = group * inPerGroup + ic;
                            for (int ky = 0; ky < g.kernelHeight(); ky++) {
                                int iy = oy * g.strideHeight() + ky * g.dilationHeight() - g.padTop();
                                for (int kx = 0; kx < g.kernelWidth(); kx++) {
                                    int ix = ox * g.strideWidth() + kx * g.dilationWidth() - g.padLeft();
                                    if (iy >= 0 && iy < g.inHeight() && ix >= 0 && ix < g.inWidth()) {
                                        float x = input[((n * g.inChannels() + channel) * g.inHeight() + iy)
                                                * g.inWidth() + ix];
                                        float w = weights[((oc * inPerGroup + ic) * g.kernelHeight() + ky)
                                                * g.kernelWidth() + kx];
                                        sum += (double) x * w;
                                    }
                                }
                            }
                        }
                        output[((n * g.outChannels() + oc) * g.outHeight() + oy) * g.outWidth() + ox] =
                                epilogue.activation().apply((float) (sum + epilogue.bias(oc)));
                    }
                }
            }
        }
    }
}
