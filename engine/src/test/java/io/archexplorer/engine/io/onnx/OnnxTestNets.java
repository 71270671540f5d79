package io.archexplorer.engine.io.onnx;

import static io.archexplorer.engine.io.onnx.OnnxMessages.intAttribute;
import static io.archexplorer.engine.io.onnx.OnnxMessages.intsAttribute;

import java.util.Arrays;
import java.util.List;

/** ONNX nets for tests outside this package, written with {@link OnnxFixture}. */
public final class OnnxTestNets {
    /** Weight tensors up to this many values hold them; larger ones declare their dims over a single value. */
    private static final long MAX_WEIGHTS = 1 << 16;

    private OnnxTestNets() {
    }

    /**
     * Input → Conv → MaxPool → Relu, every size and attribute from {@code v}: small values (1..4) are scaled to a
     * plausible net, others (0, negative, 2^31−1, ...) are used as they are. v: channels, height, width, outputs,
     * kernel h, kernel w, stride h, stride w, pad h, pad w, dilation, group.
     */
    public static byte[] convNet(long[] v) {
        OnnxFixture f = new OnnxFixture(v.length);
        long channels = scaled(v[0], 4);
        long outputs = scaled(v[3], 4);
        f.input("x", 1, channels, scaled(v[1], 8), scaled(v[2], 8));
        long group = v[11];
        long[] dims = {outputs, group == 0 ? channels : channels / group, v[4], v[5]};
        long count = 1;
        for (long d : dims) {
            count = d <= 0 || count > MAX_WEIGHTS ? count : count * d;
        }
        boolean positive = Arrays.stream(dims).allMatch(d -> d > 0);
        String w = positive && count <= MAX_WEIGHTS ? f.weights("w", dims) : f.shortWeights("w", 1, dims);
        String conv = f.node("Conv", "conv", List.of("x", w), intsAttribute("kernel_shape", v[4], v[5]),
                intsAttribute("strides", v[6], v[7]), intsAttribute("pads", v[8], v[9], v[8], v[9]),
                intsAttribute("dilations", v[10], v[10]), intAttribute("group", group));
        String pool = f.node("MaxPool", "pool", List.of(conv), intsAttribute("kernel_shape", v[5], v[4]),
                intsAttribute("strides", v[7], v[6]), intsAttribute("pads", v[9], v[8], v[9], v[8]));
        return f.model(14, f.node("Relu", "relu", List.of(pool)));
    }

    private static long scaled(long value, long factor) {
        return value >= 1 && value <= 4 ? value * factor : value;
    }
}
