package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/**
 * Average pooling to a fixed output size, bin i covering [floor(i·H/out), ceil((i+1)·H/out)) as in PyTorch. VGG and
 * AlexNet use it to feed their classifier a 7×7 or 6×6 map at any resolution.
 */
public record AdaptiveAvgPool(int outH, int outW) implements Op {
    public AdaptiveAvgPool {
        Windows.requirePositive("out_h", outH);
        Windows.requirePositive("out_w", outW);
    }

    @Override
    public String kind() {
        return "adaptive_avg_pool";
    }

    @Override
    public String attributesSummary() {
        return "→" + outH + "×" + outW;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.featureMap(inputs, kind());
        return Shape.of(in.n(), in.c(), outH, outW);
    }
}
