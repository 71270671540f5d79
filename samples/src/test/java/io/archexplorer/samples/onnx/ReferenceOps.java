package io.archexplorer.samples.onnx;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Plain loops computing each op from its textbook (PyTorch) definition, in double precision, as the independent
 * expectation for the exported ONNX graphs. Deliberately naive: one obvious loop nest per op, nothing shared with
 * the engine.
 */
final class ReferenceOps {
    static final DoubleUnaryOperator RELU6 = x -> Math.min(Math.max(x, 0), 6);
    static final DoubleUnaryOperator SIGMOID = x -> 1 / (1 + Math.exp(-x));
    static final DoubleUnaryOperator SWISH = x -> x / (1 + Math.exp(-x));
    /** PyTorch's hardsigmoid: relu6(x + 3) / 6. */
    static final DoubleUnaryOperator HARD_SIGMOID = x -> RELU6.applyAsDouble(x + 3) / 6;
    static final DoubleUnaryOperator HARD_SWISH = x -> x * HARD_SIGMOID.applyAsDouble(x);

    private ReferenceOps() {
    }

    static Tensor map(Tensor x, DoubleUnaryOperator f) {
        Tensor y = Tensor.zeros(x.dims());
        for (int i = 0; i < x.data().length; i++) {
            y.data()[i] = (float) f.applyAsDouble(x.data()[i]);
        }
        return y;
    }

    /** PyTorch's Conv2d with OIHW weights and an optional bias. */
    static Tensor conv(Tensor x, int outChannels, int[] kernel, int[] stride, int[] pad, int[] dilation, int groups,
                       float[] weight, float[] bias) {
        int oh = (x.h() + 2 * pad[0] - dilation[0] * (kernel[0] - 1) - 1) / stride[0] + 1;
        int ow = (x.w() + 2 * pad[1] - dilation[1] * (kernel[1] - 1) - 1) / stride[1] + 1;
        int inPerGroup = x.c() / groups;
        int outPerGroup = outChannels / groups;
        Tensor y = Tensor.zeros(x.n(), outChannels, oh, ow);
        for (int n = 0; n < x.n(); n++) {
            for (int o = 0; o < outChannels; o++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int i = 0; i < inPerGroup; i++) {
                            int channel = o / outPerGroup * inPerGroup + i;
                            for (int ky = 0; ky < kernel[0]; ky++) {
                                for (int kx = 0; kx < kernel[1]; kx++) {
                                    int iy = oy * stride[0] - pad[0] + ky * dilation[0];
                                    int ix = ox * stride[1] - pad[1] + kx * dilation[1];
                                    if (iy >= 0 && iy < x.h() && ix >= 0 && ix < x.w()) {
                                        sum += (double) x.at(n, channel, iy, ix)
                                                * weight[((o * inPerGroup + i) * kernel[0] + ky) * kernel[1] + kx];
                                    }
                                }
                            }
                        }
                        y.set(n, o, oy, ox, sum);
                    }
                }
            }
        }
        return y;
    }

    /** y = W·flatten(x) + b with W as [out][in]. */
    static Tensor fullyConnected(Tensor x, int outFeatures, float[] weight, float[] bias) {
        int in = x.data().length / x.n();
        Tensor y = Tensor.zeros(x.n(), outFeatures);
        for (int n = 0; n < x.n(); n++) {
            for (int o = 0; o < outFeatures; o++) {
                double sum = bias == null ? 0 : bias[o];
                for (int f = 0; f < in; f++) {
                    sum += (double) weight[o * in + f] * x.data()[n * in + f];
                }
                y.set(n, o, sum);
            }
        }
        return y;
    }

    static Tensor batchNorm(Tensor x, float[] gamma, float[] beta, float[] mean, float[] variance, double eps) {
        Tensor y = Tensor.zeros(x.dims());
        forEach(x, (n, c, iy, ix) -> y.set(n, c, iy, ix,
                (x.at(n, c, iy, ix) - mean[c]) / Math.sqrt(variance[c] + eps) * gamma[c] + beta[c]));
        return y;
    }

    /** PyTorch's output size: floor or ceil, a last window starting in the right padding dropped. */
    static int pooledSize(int in, int kernel, int stride, int pad, boolean ceilMode) {
        int span = in + 2 * pad - kernel;
        int out = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
        return ceilMode && (out - 1) * stride >= in + pad ? out - 1 : out;
    }

    /** PyTorch's MaxPool2d: padding never wins. */
    static Tensor maxPool(Tensor x, int kernel, int stride, int pad, boolean ceilMode) {
        Tensor y = Tensor.zeros(x.n(), x.c(), pooledSize(x.h(), kernel, stride, pad, ceilMode),
                pooledSize(x.w(), kernel, stride, pad, ceilMode));
        forEach(y, (n, c, oy, ox) -> {
            double max = Double.NEGATIVE_INFINITY;
            for (int iy = Math.max(oy * stride - pad, 0); iy < Math.min(oy * stride - pad + kernel, x.h()); iy++) {
                for (int ix = Math.max(ox * stride - pad, 0); ix < Math.min(ox * stride - pad + kernel, x.w()); ix++) {
                    max = Math.max(max, x.at(n, c, iy, ix));
                }
            }
            y.set(n, c, oy, ox, max);
        });
        return y;
    }

    /**
     * PyTorch's AvgPool2d. With {@code countIncludePad} the divisor counts padding cells but not the part of a
     * ceil-mode window that hangs past the padding; without, it counts input cells only.
     */
    static Tensor avgPool(Tensor x, int kernel, int stride, int pad, boolean ceilMode, boolean countIncludePad) {
        Tensor y = Tensor.zeros(x.n(), x.c(), pooledSize(x.h(), kernel, stride, pad, ceilMode),
                pooledSize(x.w(), kernel, stride, pad, ceilMode));
        forEach(y, (n, c, oy, ox) -> {
            int y0 = oy * stride - pad;
            int x0 = ox * stride - pad;
            int y1 = Math.min(y0 + kernel, x.h() + pad);
            int x1 = Math.min(x0 + kernel, x.w() + pad);
            int paddedCells = (y1 - y0) * (x1 - x0);
            double sum = 0;
            int cells = 0;
            for (int iy = Math.max(y0, 0); iy < Math.min(y1, x.h()); iy++) {
                for (int ix = Math.max(x0, 0); ix < Math.min(x1, x.w()); ix++) {
                    sum += x.at(n, c, iy, ix);
                    cells++;
                }
            }
            y.set(n, c, oy, ox, sum / (countIncludePad ? paddedCells : cells));
        });
        return y;
    }

    /** PyTorch's AdaptiveAvgPool2d: bin i spans [floor(i·in/out), ceil((i+1)·in/out)). */
    static Tensor adaptiveAvgPool(Tensor x, int outH, int outW) {
        Tensor y = Tensor.zeros(x.n(), x.c(), outH, outW);
        forEach(y, (n, c, oy, ox) -> {
            int y0 = oy * x.h() / outH;
            int y1 = ((oy + 1) * x.h() + outH - 1) / outH;
            int x0 = ox * x.w() / outW;
            int x1 = ((ox + 1) * x.w() + outW - 1) / outW;
            double sum = 0;
            for (int iy = y0; iy < y1; iy++) {
                for (int ix = x0; ix < x1; ix++) {
                    sum += x.at(n, c, iy, ix);
                }
            }
            y.set(n, c, oy, ox, sum / ((y1 - y0) * (x1 - x0)));
        });
        return y;
    }

    /** Input channel c1·(C/g) + c2 moves to output channel c2·g + c1. */
    static Tensor channelShuffle(Tensor x, int groups) {
        int perGroup = x.c() / groups;
        Tensor y = Tensor.zeros(x.dims());
        forEach(x, (n, c, iy, ix) -> y.set(n, c % perGroup * groups + c / perGroup, iy, ix, x.at(n, c, iy, ix)));
        return y;
    }

    static Tensor channels(Tensor x, int start, int end) {
        Tensor y = Tensor.zeros(x.n(), end - start, x.h(), x.w());
        forEach(y, (n, c, iy, ix) -> y.set(n, c, iy, ix, x.at(n, start + c, iy, ix)));
        return y;
    }

    static Tensor concatChannels(Tensor... parts) {
        int channels = 0;
        for (Tensor p : parts) {
            channels += p.c();
        }
        Tensor y = Tensor.zeros(parts[0].n(), channels, parts[0].h(), parts[0].w());
        int offset = 0;
        for (Tensor p : parts) {
            int base = offset;
            forEach(p, (n, c, iy, ix) -> y.set(n, base + c, iy, ix, p.at(n, c, iy, ix)));
            offset += p.c();
        }
        return y;
    }

    static Tensor sum(Tensor... terms) {
        Tensor y = Tensor.zeros(terms[0].dims());
        for (int i = 0; i < y.data().length; i++) {
            double s = 0;
            for (Tensor t : terms) {
                s += t.data()[i];
            }
            y.data()[i] = (float) s;
        }
        return y;
    }

    /** x·γ[c] + β[c] (β absent: 0), Caffe's Scale layer. */
    static Tensor scale(Tensor x, float[] gamma, float[] beta) {
        Tensor y = Tensor.zeros(x.dims());
        forEach(x, (n, c, iy, ix) -> y.set(n, c, iy, ix, x.at(n, c, iy, ix) * gamma[c] + (beta == null ? 0 : beta[c])));
        return y;
    }

    /** Element by element: {@code combine} folded over the terms from the first. */
    static Tensor combine(DoubleBinaryOperator combine, Tensor... terms) {
        Tensor y = Tensor.zeros(terms[0].dims());
        for (int i = 0; i < y.data().length; i++) {
            double v = terms[0].data()[i];
            for (int k = 1; k < terms.length; k++) {
                v = combine.applyAsDouble(v, terms[k].data()[i]);
            }
            y.data()[i] = (float) v;
        }
        return y;
    }

    /** The window [offset, offset + size) of height and width (Caffe's Crop from axis 2). */
    static Tensor crop(Tensor x, int offsetH, int offsetW, int height, int width) {
        Tensor y = Tensor.zeros(x.n(), x.c(), height, width);
        forEach(y, (n, c, iy, ix) -> y.set(n, c, iy, ix, x.at(n, c, iy + offsetH, ix + offsetW)));
        return y;
    }

    /**
     * Transposed convolution from its definition: every input element adds x · w[ic][oc'][ky][kx] at output
     * (iy·s − p + ky·d, ix·s − p + kx·d) of each output channel oc of its group. Weights [in][out/groups][kh][kw].
     */
    static Tensor convTranspose(Tensor x, int outChannels, int[] kernel, int[] stride, int[] pad, int groups,
                                float[] weight, float[] bias) {
        int outH = (x.h() - 1) * stride[0] - 2 * pad[0] + kernel[0];
        int outW = (x.w() - 1) * stride[1] - 2 * pad[1] + kernel[1];
        Tensor y = Tensor.zeros(x.n(), outChannels, outH, outW);
        int inPerGroup = x.c() / groups;
        int outPerGroup = outChannels / groups;
        forEach(y, (n, oc, oy, ox) -> y.set(n, oc, oy, ox, bias == null ? 0 : bias[oc]));
        forEach(x, (n, ic, iy, ix) -> {
            for (int o = 0; o < outPerGroup; o++) {
                int oc = ic / inPerGroup * outPerGroup + o;
                for (int ky = 0; ky < kernel[0]; ky++) {
                    for (int kx = 0; kx < kernel[1]; kx++) {
                        int oy = iy * stride[0] - pad[0] + ky;
                        int ox = ix * stride[1] - pad[1] + kx;
                        if (oy >= 0 && oy < outH && ox >= 0 && ox < outW) {
                            float w = weight[((ic * outPerGroup + o) * kernel[0] + ky) * kernel[1] + kx];
                            y.set(n, oc, oy, ox, y.at(n, oc, oy, ox) + x.at(n, ic, iy, ix) * w);
                        }
                    }
                }
            }
        });
        return y;
    }

    /** Each channel of {@code map} times its factor; {@code scale} holds N·C factors (N×C or N×C×1×1). */
    static Tensor channelMultiply(Tensor map, Tensor scale) {
        Tensor y = Tensor.zeros(map.dims());
        forEach(map, (n, c, iy, ix) -> y.set(n, c, iy, ix,
                map.at(n, c, iy, ix) * scale.data()[n * map.c() + c]));
        return y;
    }

    /** Caffe's and ONNX's LRN: x / (k + α/size · Σ x²)^β over channels [c − ⌊(size−1)/2⌋, c + ⌈(size−1)/2⌉]. */
    static Tensor lrn(Tensor x, int size, double alpha, double beta, double k) {
        Tensor y = Tensor.zeros(x.dims());
        forEach(x, (n, c, iy, ix) -> {
            double squares = 0;
            for (int i = Math.max(0, c - (size - 1) / 2); i <= Math.min(x.c() - 1, c + size / 2); i++) {
                squares += (double) x.at(n, i, iy, ix) * x.at(n, i, iy, ix);
            }
            y.set(n, c, iy, ix, x.at(n, c, iy, ix) / Math.pow(k + alpha / size * squares, beta));
        });
        return y;
    }

    /** Softmax over axis 1 (channels or features), separately for every other index. */
    static Tensor softmax(Tensor x) {
        int channels = x.dims()[1];
        int inner = x.data().length / x.n() / channels;
        Tensor y = Tensor.zeros(x.dims());
        for (int n = 0; n < x.n(); n++) {
            for (int p = 0; p < inner; p++) {
                int base = n * channels * inner + p;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < channels; c++) {
                    max = Math.max(max, x.data()[base + c * inner]);
                }
                double total = 0;
                for (int c = 0; c < channels; c++) {
                    total += Math.exp(x.data()[base + c * inner] - max);
                }
                for (int c = 0; c < channels; c++) {
                    y.data()[base + c * inner] = (float) (Math.exp(x.data()[base + c * inner] - max) / total);
                }
            }
        }
        return y;
    }

    static Tensor globalAvgPool(Tensor x) {
        return adaptiveAvgPool(x, 1, 1);
    }

    /** The same values viewed as N × (C·H·W). */
    static Tensor flatten(Tensor x) {
        return new Tensor(new int[] {x.n(), x.data().length / x.n()}, x.data().clone());
    }

    private interface Element {
        void at(int n, int c, int y, int x);
    }

    private static void forEach(Tensor t, Element body) {
        for (int n = 0; n < t.n(); n++) {
            for (int c = 0; c < t.c(); c++) {
                for (int y = 0; y < t.h(); y++) {
                    for (int x = 0; x < t.w(); x++) {
                        body.at(n, c, y, x);
                    }
                }
            }
        }
    }
}
