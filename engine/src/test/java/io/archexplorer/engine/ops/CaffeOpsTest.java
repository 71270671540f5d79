package io.archexplorer.engine.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.graph.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes and costs of the ops Caffe files need, against values worked out by hand. */
class CaffeOpsTest {

    @Test
    void batchNormWithoutAffineHasNoParamsAndScaleHasGammaAndMaybeBeta() {
        List<Shape> in = List.of(Shape.of(1, 64, 56, 56));
        assertEquals(128, new BatchNorm().params(in));
        assertEquals(0, new BatchNorm(1e-5, false).params(in));
        assertEquals(64, new Scale(false).params(in));
        assertEquals(128, new Scale(true).params(in));
        assertEquals(in.get(0), new Scale(true).outputShape(in));
    }

    /**
     * FCN-8s upscore2: 21 channels 16×16 → kernel 4, stride 2: (16 − 1)·2 + 4 = 34; weights 21·21·4·4 = 7,056 plus
     * 21 biases; every input element scatters 21·4·4 = 336 products: 5,376 · 336 = 1,806,336, plus one bias add per
     * output element (21·34·34 = 24,276).
     */
    @Test
    void convTransposeUpsamplesAndCountsPerInputElement() {
        ConvTranspose up = new ConvTranspose(21, 4, 4, 2, 2, 0, 0, 1, 1, 1, true);
        List<Shape> in = List.of(Shape.of(1, 21, 16, 16));
        Shape out = up.outputShape(in);
        assertEquals(Shape.of(1, 21, 34, 34), out);
        assertEquals(7056 + 21, up.params(in));
        assertEquals(1_806_336 + 24_276, up.multAdds(in, out));
        // Padding 1, groups 3: (16 − 1)·2 − 2 + 4 = 32; weights 21·(6/3)·4·4 = 672.
        ConvTranspose grouped = new ConvTranspose(6, 4, 4, 2, 2, 1, 1, 1, 1, 3, false);
        assertEquals(Shape.of(1, 6, 32, 32), grouped.outputShape(in));
        assertEquals(672, grouped.params(in));
    }

    @Test
    void cropTakesTheReferenceSizeFromTheAxisOn() {
        List<Shape> in = List.of(Shape.of(1, 21, 44, 44), Shape.of(1, 3, 34, 30));
        assertEquals(Shape.of(1, 21, 34, 30), new Crop(2, List.of(5)).outputShape(in));
        assertEquals(Shape.of(1, 21, 34, 30), new Crop(2, List.of(10, 14)).outputShape(in));
        assertEquals(10, new Crop(2, List.of(5)).offset(3) + new Crop(2, List.of(0, 5)).offset(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Crop(2, List.of(11)).outputShape(in));
        assertEquals("crop of 34 at offset 11 exceeds dimension 2 of 1×21×44×44", e.getMessage());
    }

    @Test
    void reshapeCopiesZerosAndInfersMinusOne() {
        List<Shape> in = List.of(Shape.of(1, 1000, 1, 1));
        assertEquals(Shape.of(1, 1000), new Reshape(List.of(0, 0)).outputShape(in));
        assertEquals(Shape.of(1, 10, 10, 10), new Reshape(List.of(0, 10, -1, 10)).outputShape(in));
        assertThrows(IllegalArgumentException.class, () -> new Reshape(List.of(0, 7)).outputShape(in));
        assertThrows(IllegalArgumentException.class, () -> new Reshape(List.of(-1, -1)));
    }

    @Test
    void elementwiseProductAndMaximumNeedEqualShapes() {
        Shape s = Shape.of(1, 4, 2, 2);
        assertEquals(s, new Elementwise(Elementwise.Operation.MUL).outputShape(List.of(s, s, s)));
        assertEquals("max", new Elementwise(Elementwise.Operation.MAX).kind());
        assertThrows(IllegalArgumentException.class,
                () -> new Elementwise(Elementwise.Operation.MAX).outputShape(List.of(s, s.withChannels(3))));
    }

    @Test
    void unknownShapesPrintAsQuestionMarksAndCountNothing() {
        Shape unknown = Shape.unknown();
        assertFalse(unknown.isKnown());
        assertEquals("?", unknown.toString());
        assertEquals("?", unknown.perImage());
        assertEquals(0, unknown.elements());
        assertThrows(IllegalStateException.class, unknown::c);

        NetBuilder b = new NetBuilder("n");
        String x = b.add("in", new Input(1, 3, 8, 8));
        String o = b.add("odd", new Opaque("Odd"), x);
        b.add("fc", new FullyConnected(10, true), o);
        Net net = b.build();
        assertEquals(unknown, net.finalShape());
        Analysis a = CostAnalysis.analyze(net);
        assertEquals(2, a.unknownLayers());
        assertEquals(0, a.totals().params());
        assertEquals("cannot export n: layer 'odd' has type Odd, which the engine does not know",
                assertThrows(IllegalArgumentException.class, () -> net.requireKnownShapes("export")).getMessage());
    }
}
