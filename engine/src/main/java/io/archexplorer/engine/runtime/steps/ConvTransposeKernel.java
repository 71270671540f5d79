package io.archexplorer.engine.runtime.steps;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.ConvTranspose;
import java.util.Arrays;

/**
 * Transposed convolution, directly: each input element adds its value times a (out/groups)×kh×kw filter patch into
 * the output at (ih·stride − pad + kh·dilation, ...). Weights are [in][out/groups][kh][kw], as Caffe's
 * Deconvolution, PyTorch and ONNX store them. Each thread owns whole output channels, so no two threads write the
 * same element. Not tuned: FCN's upsampling layers are a small part of its work.
 */
public final class ConvTransposeKernel {
    private ConvTransposeKernel() {
    }

    public static StepKernel of(ConvTranspose op, Shape in, Shape out, float[] x, float[] weight, float[] bias,
                                float[] y) {
        int inPerGroup = in.c() / op.groups();
        int outPerGroup = op.outChannels() / op.groups();
        int inPlane = in.h() * in.w();
        int outPlane = out.h() * out.w();
        long work = (long) inPerGroup * inPlane * op.kernelH() * op.kernelW();
        return p -> Split.run(p, out.n() * op.outChannels(), work, (from, to) -> {
            for (int item = from; item < to; item++) {
                int n = item / op.outChannels();
                int oc = item % op.outChannels();
                int group = oc / outPerGroup;
                int base = item * outPlane;
                Arrays.fill(y, base, base + outPlane, bias == null ? 0f : bias[oc]);
                for (int i = 0; i < inPerGroup; i++) {
                    int ic = group * inPerGroup + i;
                    int filter = (ic * outPerGroup + oc % outPerGroup) * op.kernelH() * op.kernelW();
                    int image = (n * in.c() + ic) * inPlane;
                    for (int ih = 0; ih < in.h(); ih++) {
                        for (int iw = 0; iw < in.w(); iw++) {
                            float v = x[image + ih * in.w() + iw];
                            for (int kh = 0; kh < op.kernelH(); kh++) {
                                int oh = ih * op.strideH() - op.padH() + kh * op.dilationH();
                                if (oh < 0 || oh >= out.h()) {
                                    continue;
                                }
                                for (int kw = 0; kw < op.kernelW(); kw++) {
                                    int ow = iw * op.strideW() - op.padW() + kw * op.dilationW();
                                    if (ow >= 0 && ow < out.w()) {
                                        y[base + oh * out.w() + ow] += v * weight[filter + kh * op.kernelW() + kw];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
    }
}
