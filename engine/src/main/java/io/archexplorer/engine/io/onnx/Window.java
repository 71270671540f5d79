package io.archexplorer.engine.io.onnx;

import static io.archexplorer.engine.io.onnx.NodeView.toInt;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.io.onnx.NodeView.Unsupported;

/**
 * The sliding window of a Conv, ConvTranspose or pooling node, from its attributes with ONNX's defaults (stride 1,
 * no padding, dilation 1). {@code auto_pad} SAME_UPPER / SAME_LOWER is turned into explicit padding, which needs
 * the input's shape.
 *
 * @param pads begin and end padding as ONNX lists them: [top, left, bottom, right]
 */
record Window(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW, int[] pads) {

    static Window of(NodeView n, int kernelH, int kernelW, Shape in) {
        int[] strides = pair(n.integers("strides"), "strides");
        int[] dilations = pair(n.integers("dilations"), "dilations");
        String autoPad = n.text("auto_pad", "NOTSET");
        int[] pads = switch (autoPad) {
            case "NOTSET", "" -> explicitPads(n.integers("pads"));
            case "VALID" -> new int[4];
            case "SAME_UPPER", "SAME_LOWER" -> samePads(in, new int[] {kernelH, kernelW}, strides, dilations,
                    autoPad.equals("SAME_UPPER"));
            default -> throw new IllegalArgumentException("auto_pad '" + autoPad + "' is not an ONNX value");
        };
        return new Window(kernelH, kernelW, strides[0], strides[1], dilations[0], dilations[1], pads);
    }

    boolean symmetric() {
        return pads[0] == pads[2] && pads[1] == pads[3];
    }

    /** Two values ≥ 1, one per axis; 1 when absent. */
    private static int[] pair(long[] values, String what) {
        if (values == null) {
            return new int[] {1, 1};
        }
        if (values.length != 2) {
            throw new Unsupported(what + " for " + values.length + " axes (the engine's windows are 2-D)");
        }
        int[] pair = {toInt(values[0], what), toInt(values[1], what)};
        if (pair[0] < 1 || pair[1] < 1) {
            throw new IllegalArgumentException(what + " must be ≥ 1, got " + pair[0] + ", " + pair[1]);
        }
        return pair;
    }

    private static int[] explicitPads(long[] values) {
        if (values == null) {
            return new int[4];
        }
        if (values.length != 4) {
            throw new Unsupported("pads for " + values.length / 2 + " axes (the engine's windows are 2-D)");
        }
        int[] pads = new int[4];
        for (int k = 0; k < 4; k++) {
            pads[k] = toInt(values[k], "pads");
            if (pads[k] < 0) {
                throw new IllegalArgumentException("negative padding " + pads[k]);
            }
        }
        return pads;
    }

    /** Padding that makes the output ceil(in / stride); SAME_UPPER puts an odd extra pixel at the end. */
    private static int[] samePads(Shape in, int[] kernel, int[] strides, int[] dilations, boolean upper) {
        if (!in.isKnown() || !in.isFeatureMap()) {
            throw new Unsupported("auto_pad SAME on an input of unknown size");
        }
        int[] size = {in.h(), in.w()};
        int[] pads = new int[4];
        for (int axis = 0; axis < 2; axis++) {
            long out = (size[axis] + (long) strides[axis] - 1) / strides[axis];
            long span = (long) (kernel[axis] - 1) * dilations[axis] + 1;
            int total = toInt(Math.max(0, (out - 1) * strides[axis] + span - size[axis]), "padding");
            int small = total / 2;
            pads[axis] = upper ? small : total - small;
            pads[axis + 2] = total - pads[axis];
        }
        return pads;
    }
}
