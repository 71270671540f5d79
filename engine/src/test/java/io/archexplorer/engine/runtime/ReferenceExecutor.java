package io.archexplorer.engine.runtime;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.AdaptiveAvgPool;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.ConvTranspose;
import io.archexplorer.engine.ops.Crop;
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.Softmax;
import io.archexplorer.engine.weights.LayerWeights;
import io.archexplorer.engine.weights.NetWeights;

/**
 * Runs a net the obvious way, to check the runtime against: every layer on its own (no folding, no fusion, no
 * buffer reuse), in double precision, with index arithmetic written straight from the definitions (PyTorch's
 * documentation of each op), and no code shared with the runtime.
 */
public final class ReferenceExecutor {
    private ReferenceExecutor() {
    }

    public static double[] run(Net net, NetWeights weights, float[] input) {
        return runAll(net, weights, input)[net.size() - 1];
    }

    /** The output of every layer, index-aligned with the net's layers. */
    public static double[][] runAll(Net net, NetWeights weights, float[] input) {
        double[][] values = new double[net.size()][];
        for (int i = 0; i < net.size(); i++) {
            int[] in = net.inputIndices(i);
            double[][] x = new double[in.length][];
            Shape[] s = new Shape[in.length];
            for (int k = 0; k < in.length; k++) {
                x[k] = values[in[k]];
                s[k] = net.outputShape(in[k]);
            }
            values[i] = layer(net.layer(i).op(), weights.layer(i), x, s, net.outputShape(i), input);
        }
        return values;
    }

    private static double[] layer(Op op, LayerWeights w, double[][] x, Shape[] in, Shape out, float[] input) {
        double[] y = new double[Math.toIntExact(out.elements())];
        if (op instanceof Input) {
            for (int i = 0; i < y.length; i++) {
                y[i] = input[i];
            }
        } else if (op instanceof Conv c) {
            conv(c, w, x[0], in[0], out, y);
        } else if (op instanceof FullyConnected) {
            int inF = Math.toIntExact(in[0].elementsPerImage());
            int outF = out.c();
            for (int n = 0; n < out.n(); n++) {
                for (int o = 0; o < outF; o++) {
                    double sum = w.bias() == null ? 0 : w.bias()[o];
                    for (int i = 0; i < inF; i++) {
                        sum += w.weight()[o * inF + i] * x[0][n * inF + i];
                    }
                    y[n * outF + o] = sum;
                }
            }
        } else if (op instanceof BatchNorm bn) {
            int plane = Math.toIntExact(in[0].elementsPerImage() / in[0].c());
            for (int i = 0; i < y.length; i++) {
                int c = i / plane % in[0].c();
                y[i] = (x[0][i] - w.mean()[c]) / Math.sqrt(w.variance()[c] + bn.eps()) * w.gamma()[c] + w.beta()[c];
            }
        } else if (op instanceof Activation a) {
            for (int i = 0; i < y.length; i++) {
                y[i] = activation(a.function(), x[0][i]);
            }
        } else if (op instanceof Pool p) {
            pool(p, x[0], in[0], out, y);
        } else if (op instanceof GlobalAvgPool) {
            adaptive(x[0], in[0], out, y);
        } else if (op instanceof AdaptiveAvgPool) {
            adaptive(x[0], in[0], out, y);
        } else if (op instanceof Add) {
            for (double[] term : x) {
                for (int i = 0; i < y.length; i++) {
                    y[i] += term[i];
                }
            }
        } else if (op instanceof ScalarMultiply m) {
            for (int i = 0; i < y.length; i++) {
                y[i] = m.factor() * x[0][i];
            }
        } else if (op instanceof ChannelMultiply) {
            int plane = in[0].h() * in[0].w();
            for (int i = 0; i < y.length; i++) {
                y[i] = x[0][i] * x[1][i / plane];
            }
        } else if (op instanceof Concat) {
            int at = 0;
            for (int n = 0; n < out.n(); n++) {
                for (int k = 0; k < x.length; k++) {
                    int block = Math.toIntExact(in[k].elementsPerImage());
                    for (int j = 0; j < block; j++) {
                        y[at++] = x[k][n * block + j];
                    }
                }
            }
        } else if (op instanceof ChannelSlice s) {
            int plane = in[0].h() * in[0].w();
            for (int n = 0; n < out.n(); n++) {
                for (int c = s.start(); c < s.end(); c++) {
                    for (int j = 0; j < plane; j++) {
                        y[((n * out.c()) + c - s.start()) * plane + j] = x[0][(n * in[0].c() + c) * plane + j];
                    }
                }
            }
        } else if (op instanceof ChannelShuffle s) {
            // torch: x.view(n, g, c/g, h, w).transpose(1, 2).reshape(n, c, h, w)
            int c = in[0].c();
            int g = s.groups();
            int plane = in[0].h() * in[0].w();
            for (int n = 0; n < out.n(); n++) {
                for (int oc = 0; oc < c; oc++) {
                    int source = (oc % g) * (c / g) + oc / g;
                    for (int j = 0; j < plane; j++) {
                        y[(n * c + oc) * plane + j] = x[0][(n * c + source) * plane + j];
                    }
                }
            }
        } else if (op instanceof Scale) {
            int plane = Math.toIntExact(in[0].elementsPerImage() / in[0].c());
            for (int i = 0; i < y.length; i++) {
                int c = i / plane % in[0].c();
                y[i] = x[0][i] * w.gamma()[c] + (w.beta() == null ? 0 : w.beta()[c]);
            }
        } else if (op instanceof Elementwise e) {
            System.arraycopy(x[0], 0, y, 0, y.length);
            for (int k = 1; k < x.length; k++) {
                for (int i = 0; i < y.length; i++) {
                    y[i] = e.operation() == Elementwise.Operation.MUL ? y[i] * x[k][i] : Math.max(y[i], x[k][i]);
                }
            }
        } else if (op instanceof Crop c) {
            crop(c, x[0], in[0], out, y);
        } else if (op instanceof ConvTranspose t) {
            convTranspose(t, w, x[0], in[0], out, y);
        } else if (op instanceof Lrn lrn) {
            lrn(lrn, x[0], in[0], y);
        } else if (op instanceof Softmax) {
            softmax(x[0], in[0], y);
        } else {
            System.arraycopy(x[0], 0, y, 0, y.length);
        }
        return y;
    }

    static double activation(Activation.Function f, double v) {
        return switch (f) {
            case RELU -> Math.max(v, 0);
            case RELU6 -> Math.min(Math.max(v, 0), 6);
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case TANH -> Math.tanh(v);
            case SWISH -> v / (1 + Math.exp(-v));
            case HARD_SIGMOID -> Math.min(Math.max(v / 6 + 0.5, 0), 1);
            case HARD_SWISH -> v * Math.min(Math.max(v / 6 + 0.5, 0), 1);
        };
    }

    private static void conv(Conv c, LayerWeights w, double[] x, Shape in, Shape out, double[] y) {
        int inPerGroup = in.c() / c.groups();
        int outPerGroup = c.outChannels() / c.groups();
        for (int n = 0; n < out.n(); n++) {
            for (int oc = 0; oc < out.c(); oc++) {
                int g = oc / outPerGroup;
                for (int oy = 0; oy < out.h(); oy++) {
                    for (int ox = 0; ox < out.w(); ox++) {
                        double sum = w.bias() == null ? 0 : w.bias()[oc];
                        for (int ic = 0; ic < inPerGroup; ic++) {
                            for (int ky = 0; ky < c.kernelH(); ky++) {
                                for (int kx = 0; kx < c.kernelW(); kx++) {
                                    int iy = oy * c.strideH() - c.padH() + ky * c.dilationH();
                                    int ix = ox * c.strideW() - c.padW() + kx * c.dilationW();
                                    if (iy < 0 || iy >= in.h() || ix < 0 || ix >= in.w()) {
                                        continue;
                                    }
                                    double v = x[((n * in.c() + g * inPerGroup + ic) * in.h() + iy) * in.w() + ix];
                                    sum += v * w.weight()[((oc * inPerGroup + ic) * c.kernelH() + ky) * c.kernelW()
                                            + kx];
                                }
                            }
                        }
                        y[((n * out.c() + oc) * out.h() + oy) * out.w() + ox] = sum;
                    }
                }
            }
        }
    }

    /** Feature maps only: out[n][c][h][w] = in[n + o0][c + o1][h + o2][w + o3], o_d = 0 before the crop's axis. */
    private static void crop(Crop c, double[] x, Shape in, Shape out, double[] y) {
        int[] o = new int[4];
        for (int d = c.axis(); d < 4; d++) {
            o[d] = c.offset(d);
        }
        int i = 0;
        for (int n = 0; n < out.n(); n++) {
            for (int ch = 0; ch < out.c(); ch++) {
                for (int h = 0; h < out.h(); h++) {
                    for (int w = 0; w < out.w(); w++) {
                        y[i++] = x[(((n + o[0]) * in.c() + ch + o[1]) * in.h() + h + o[2]) * in.w() + w + o[3]];
                    }
                }
            }
        }
    }

    /**
     * The textbook equivalence, independent of the runtime's scatter: a transposed convolution is a stride-1
     * convolution of the input spread out by the stride (stride − 1 zeros between elements), padded by
     * dilation·(kernel − 1) − pad, with every filter flipped and its input and output channels swapped.
     * (Covers pad ≤ dilation·(kernel − 1), where that padding is not negative.)
     */
    private static void convTranspose(ConvTranspose t, LayerWeights w, double[] x, Shape in, Shape out, double[] y) {
        int spreadH = (in.h() - 1) * t.strideH() + 1;
        int spreadW = (in.w() - 1) * t.strideW() + 1;
        Shape spreadShape = Shape.of(in.n(), in.c(), spreadH, spreadW);
        double[] spread = new double[Math.toIntExact(spreadShape.elements())];
        for (int nc = 0; nc < in.n() * in.c(); nc++) {
            for (int h = 0; h < in.h(); h++) {
                for (int v = 0; v < in.w(); v++) {
                    spread[(nc * spreadH + h * t.strideH()) * spreadW + v * t.strideW()] =
                            x[(nc * in.h() + h) * in.w() + v];
                }
            }
        }
        int inPerGroup = in.c() / t.groups();
        int outPerGroup = out.c() / t.groups();
        int kh = t.kernelH();
        int kw = t.kernelW();
        float[] flipped = new float[out.c() * inPerGroup * kh * kw];
        for (int oc = 0; oc < out.c(); oc++) {
            for (int i = 0; i < inPerGroup; i++) {
                int ic = oc / outPerGroup * inPerGroup + i;
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        int source = ((ic * outPerGroup + oc % outPerGroup) * kh + kh - 1 - ky) * kw + kw - 1 - kx;
                        flipped[((oc * inPerGroup + i) * kh + ky) * kw + kx] = w.weight()[source];
                    }
                }
            }
        }
        Conv equivalent = new Conv(out.c(), kh, kw, 1, 1, t.dilationH() * (kh - 1) - t.padH(),
                t.dilationW() * (kw - 1) - t.padW(), t.dilationH(), t.dilationW(), t.groups(), t.bias());
        conv(equivalent, new LayerWeights(flipped, w.bias(), null, null, null, null), spread, spreadShape, out, y);
    }

    /**
     * PyTorch's pooling: window [o·s − p, o·s − p + k) clipped to the padded input [−p, size + p) for the divisor
     * when padding counts, and to the input itself for the values.
     */
    static void pool(Pool p, double[] x, Shape in, Shape out, double[] y) {
        for (int nc = 0; nc < out.n() * out.c(); nc++) {
            for (int oy = 0; oy < out.h(); oy++) {
                for (int ox = 0; ox < out.w(); ox++) {
                    double max = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    int inside = 0;
                    int padded = 0;
                    for (int ky = 0; ky < p.kernelH(); ky++) {
                        for (int kx = 0; kx < p.kernelW(); kx++) {
                            int iy = oy * p.strideH() - p.padH() + ky;
                            int ix = ox * p.strideW() - p.padW() + kx;
                            if (iy < in.h() + p.padH() && ix < in.w() + p.padW()) {
                                padded++;
                            }
                            if (iy >= 0 && iy < in.h() && ix >= 0 && ix < in.w()) {
                                double v = x[(nc * in.h() + iy) * in.w() + ix];
                                max = Math.max(max, v);
                                sum += v;
                                inside++;
                            }
                        }
                    }
                    double avg = sum / (p.countIncludePad() ? padded : inside);
                    y[(nc * out.h() + oy) * out.w() + ox] = p.mode() == Pool.Mode.MAX ? max : avg;
                }
            }
        }
    }

    private static void adaptive(double[] x, Shape in, Shape out, double[] y) {
        for (int nc = 0; nc < out.n() * out.c(); nc++) {
            for (int oy = 0; oy < out.h(); oy++) {
                int y0 = (int) Math.floor((double) oy * in.h() / out.h());
                int y1 = (int) Math.ceil((double) (oy + 1) * in.h() / out.h());
                for (int ox = 0; ox < out.w(); ox++) {
                    int x0 = (int) Math.floor((double) ox * in.w() / out.w());
                    int x1 = (int) Math.ceil((double) (ox + 1) * in.w() / out.w());
                    double sum = 0;
                    for (int iy = y0; iy < y1; iy++) {
                        for (int ix = x0; ix < x1; ix++) {
                            sum += x[(nc * in.h() + iy) * in.w() + ix];
                        }
                    }
                    y[(nc * out.h() + oy) * out.w() + ox] = sum / ((y1 - y0) * (x1 - x0));
                }
            }
        }
    }

    /**
     * ONNX LRN: x / (k + α/n · Σ x²)^β over channels [c − ⌊(n−1)/2⌋, c + ⌈(n−1)/2⌉], zero outside (PyTorch and
     * Caffe agree for the odd sizes they use).
     */
    private static void lrn(Lrn lrn, double[] x, Shape in, double[] y) {
        int plane = in.h() * in.w();
        for (int n = 0; n < in.n(); n++) {
            for (int c = 0; c < in.c(); c++) {
                for (int j = 0; j < plane; j++) {
                    double squares = 0;
                    for (int d = c - (lrn.size() - 1) / 2; d <= c + lrn.size() / 2; d++) {
                        if (d >= 0 && d < in.c()) {
                            double v = x[(n * in.c() + d) * plane + j];
                            squares += v * v;
                        }
                    }
                    y[(n * in.c() + c) * plane + j] = x[(n * in.c() + c) * plane + j]
                            / Math.pow(lrn.k() + lrn.alpha() / lrn.size() * squares, lrn.beta());
                }
            }
        }
    }

    private static void softmax(double[] x, Shape in, double[] y) {
        int plane = in.isFeatureMap() ? in.h() * in.w() : 1;
        for (int n = 0; n < in.n(); n++) {
            for (int j = 0; j < plane; j++) {
                double sum = 0;
                for (int c = 0; c < in.c(); c++) {
                    sum += Math.exp(x[(n * in.c() + c) * plane + j]);
                }
                for (int c = 0; c < in.c(); c++) {
                    y[(n * in.c() + c) * plane + j] = Math.exp(x[(n * in.c() + c) * plane + j]) / sum;
                }
            }
        }
    }
}
