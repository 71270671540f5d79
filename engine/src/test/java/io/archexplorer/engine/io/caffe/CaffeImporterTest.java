package io.archexplorer.engine.io.caffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.ops.Opaque;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.TrainingHead;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaffeImporterTest {
    private static final String INPUT = "input: \"data\"\ninput_dim: 10\ninput_dim: 3\ninput_dim: 8\ninput_dim: 8\n";

    private static ImportedModel read(String text) throws ModelFileException {
        return CaffeImporter.read("net.prototxt", "net", text);
    }

    private static String error(String text) {
        return assertThrows(ModelFileException.class, () -> read(text)).getMessage();
    }

    private static String conv(String name, String bottom, String top, String param) {
        return "layer { name: \"" + name + "\" type: \"Convolution\" bottom: \"" + bottom + "\" top: \"" + top
                + "\" convolution_param { " + param + " } }\n";
    }

    private static String layer(String name, String type, String bottom, String top) {
        return "layer { name: \"" + name + "\" type: \"" + type + "\" bottom: \"" + bottom + "\" top: \"" + top
                + "\" }\n";
    }

    @Test
    void syntaxErrorsNameLineColumnAndWhatWasExpected() {
        assertEquals("net.prototxt:2:8: expected ':' or '{' after 'name', got \"x\"",
                error("layer {\n  name \"x\"\n}"));
        assertEquals("net.prototxt:3:1: expected a field name or '}', got the end of the file",
                error("layer {\n  name: \"x\"\n"));
        assertEquals("net.prototxt:2:35: expected a value for 'num_output', got '}'",
                error("layer {\n  convolution_param { num_output: }\n}"));
        assertEquals("net.prototxt:2:15: string not closed by \" on its line",
                error("name: \"n\"\nlayer { name: \"a }\n}"));
    }

    @Test
    void valueErrorsPointAtTheLayer() {
        String text = INPUT + conv("c1", "data", "c1", "num_output: 4 kernel_size: 9");
        assertEquals("net.prototxt:6:1: layer 'c1': output size 0×0 from input 8×8 with kernel 9×9, stride 1,"
                + " padding 0", error(text));
        assertEquals("net.prototxt:6:1: layer 'c2': bottom 'nope' is not the top of any layer above",
                error(INPUT + conv("c2", "nope", "c2", "num_output: 4 kernel_size: 1")));
        assertEquals("net.prototxt:6:85: expected a whole number for 'num_output', got 'four'",
                error(INPUT + conv("c3", "data", "c3", "num_output: four kernel_size: 1")));
    }

    /** Found by CaffeMutationTest: these failed with exceptions other than ModelFileException, or without a place. */
    @Test
    void aLayerWithoutTypeOrWithTheWrongNumberOfBottomsIsALocatedError() {
        assertEquals("net.prototxt:6:1: layer 'r': expected a 'type'",
                error(INPUT + "layer { name: \"r\" bottom: \"data\" top: \"r\" }"));
        assertEquals("net.prototxt:6:1: layer 'r': relu takes 1 bottoms, got 0",
                error(INPUT + "layer { name: \"r\" type: \"ReLU\" top: \"r\" }"));
        assertEquals("net.prototxt:6:1: layer 'r': relu takes 1 bottoms, got 2",
                error(INPUT + "layer { name: \"r\" type: \"ReLU\" bottom: \"data\" bottom: \"data\""
                        + " top: \"r\" }"));
    }

    @Test
    void aNetWithoutAnInputIsRefused() {
        assertEquals("net.prototxt: expected an input: 'input' with 'input_dim' or 'input_shape', an Input layer,"
                + " or a Data layer with crop_size", error("name: \"n\"\nlayer { name: \"x\" type: \"Silence\" }"));
    }

    @Test
    void inputLayerNeedsAShape() {
        assertEquals("net.prototxt:1:1: layer 'in': expected input_param { shape { dim: ... } }",
                error("layer { name: \"in\" type: \"Input\" top: \"data\" }"));
    }

    @Test
    void commentsTabsAndColonBeforeBracesAreAccepted() throws Exception {
        String text = "# a comment\nname: \"t\"\t# trailing\ninput: 'data'\n"
                + "input_shape: {\n\tdim: 1 dim: 3 dim: 8 dim: 8\n}\n"
                + "layers {\n\tname: \"c\"\n\ttype: CONVOLUTION\n\tbottom: \"data\"\n\ttop: \"c\"\n"
                + "\tconvolution_param: { num_output: 2 kernel_h: 3 kernel_w: 1 pad_h: 1 stride_w: 2"
                + " bias_term: false }\n}\n";
        Net net = read(text).document().net();
        assertEquals("t", net.name());
        assertEquals(new Conv(2, 3, 1, 1, 2, 1, 0, 1, 1, 1, false), net.layer(1).op());
        assertEquals(Shape.of(1, 2, 8, 4), net.finalShape());
    }

    /** Input 5, window 1, stride 3, no padding: Caffe keeps the third window (starting at 6 > 4), PyTorch drops it. */
    @Test
    void poolingRoundsUpAndClipsOnlyWhenPaddedAsCaffeDoes() throws Exception {
        String input = "input: \"data\" input_shape { dim: 1 dim: 1 dim: 5 dim: 5 }\n";
        String pool = "layer { name: \"p\" type: \"Pooling\" bottom: \"data\" top: \"p\" pooling_param { pool: MAX"
                + " kernel_size: 1 stride: 3 %s } }";
        assertEquals(Shape.of(1, 1, 3, 3), read(input + pool.formatted("")).document().net().finalShape());
        // With padding 1 (window 3): ceil((5 + 2 − 3) / 3) + 1 = 3 windows, but the third would start at 6 − 1 = 5,
        // in the right padding; padded, Caffe drops it as PyTorch does.
        String padded = pool.replace("kernel_size: 1", "kernel_size: 3").formatted("pad: 1");
        assertEquals(Shape.of(1, 1, 2, 2), read(input + padded).document().net().finalShape());
        // Newer Caffe may round down instead: floor((5 − 1) / 3) + 1 = 2.
        assertEquals(Shape.of(1, 1, 2, 2), read(input + pool.formatted("round_mode: FLOOR")).document().net()
                .finalShape());
        // The same unpadded pooling with PyTorch's rule (ceil_mode=True) gives 2.
        assertEquals(Shape.of(1, 1, 2, 2), new io.archexplorer.engine.ops.Pool(
                io.archexplorer.engine.ops.Pool.Mode.MAX, 1, 1, 3, 3, 0, 0, true, true)
                .outputShape(List.of(Shape.of(1, 1, 5, 5))));
    }

    @Test
    void inPlaceLayersChainInFileOrder() throws Exception {
        String text = INPUT + conv("c", "data", "c", "num_output: 4 kernel_size: 3 pad: 1 bias_term: false")
                + layer("bn", "BatchNorm", "c", "c") + "layer { name: \"sc\" type: \"Scale\" bottom: \"c\" top: \"c\""
                + " scale_param { bias_term: true } }\n" + layer("relu", "ReLU", "c", "c")
                + layer("drop", "Dropout", "c", "c") + layer("after", "Sigmoid", "c", "out");
        Net net = read(text).document().net();
        List<String> chain = List.of("c", "bn", "sc", "relu", "drop", "after");
        for (int k = 1; k < chain.size(); k++) {
            int i = net.indexOf(chain.get(k));
            assertEquals(List.of(chain.get(k - 1)), net.layer(i).inputs());
        }
        assertEquals(new BatchNorm(1e-5, false), net.layer(net.indexOf("bn")).op());
        assertEquals(new Scale(true), net.layer(net.indexOf("sc")).op());
        Analysis a = CostAnalysis.analyze(net);
        // conv 4·3·9 = 108; BatchNorm holds no learnable parameter; Scale's γ and β (8) count as batchnorm params.
        assertEquals(116, a.totals().params());
        assertEquals(108, a.totals().paramsExcludingBatchNorm());
    }

    @Test
    void scaleNotAfterBatchNormIsNotBatchNorm() throws Exception {
        String text = INPUT + "layer { name: \"sc\" type: \"Scale\" bottom: \"data\" top: \"s\" }\n";
        Analysis a = CostAnalysis.analyze(read(text).document().net());
        assertEquals(3, a.totals().params());
        assertEquals(3, a.totals().paramsExcludingBatchNorm());
    }

    @Test
    void unknownTypeBecomesAnOpaqueLayerWithUnknownShapesBelow() throws Exception {
        String text = INPUT + conv("c1", "data", "c1", "num_output: 4 kernel_size: 3")
                + layer("magic", "FancyNorm", "c1", "m") + conv("c2", "m", "c2", "num_output: 4 kernel_size: 1")
                + layer("relu", "ReLU", "c2", "c2");
        ImportedModel m = read(text);
        assertEquals(List.of("net.prototxt:7:1: layer 'magic' (FancyNorm): the engine does not know this type;"
                + " imported as an opaque layer, shapes below it are unknown"), m.warnings());
        Net net = m.document().net();
        assertEquals(new Opaque("FancyNorm"), net.layer(net.indexOf("magic")).op());
        assertEquals(Shape.of(1, 4, 6, 6), net.outputShape(net.indexOf("c1")));
        assertFalse(net.outputShape(net.indexOf("c2")).isKnown());
        assertEquals("?", net.outputShape(net.indexOf("relu")).perImage());
        Analysis a = CostAnalysis.analyze(net);
        assertEquals(3, a.unknownLayers());
        assertEquals(4 * 3 * 9 + 4, a.totals().params(), "c1 is counted, c2 (input channels unknown) is not");
        assertEquals(4 * 36 * 27 + 4 * 36, a.totals().multAdds());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> net.requireKnownShapes("run"));
        assertEquals("cannot run net: layer 'magic' has type FancyNorm, which the engine does not know",
                refused.getMessage());
    }

    @Test
    void unsupportedSettingsOfKnownTypesAreOpaqueToo() throws Exception {
        String text = INPUT + conv("a", "data", "a", "num_output: 3 kernel_size: 1")
                + "layer { name: \"w\" type: \"Eltwise\" bottom: \"a\" bottom: \"data\" top: \"w\""
                + " eltwise_param { operation: SUM coeff: 1 coeff: -1 } }\n";
        ImportedModel m = read(text);
        assertTrue(m.warnings().get(0).contains("layer 'w' (Eltwise): weighted sum (coeff [1.0, -1.0]) is not"
                + " supported"), m.warnings().get(0));
    }

    @Test
    void trainValUsesTestPhaseAndShowsLossAndAccuracyAtNoCost() throws Exception {
        String data = "layer { name: \"data\" type: \"Data\" top: \"data\" top: \"label\" include { phase: %s }"
                + " transform_param { crop_size: %d } data_param { batch_size: %d } }\n";
        String text = data.formatted("TRAIN", 16, 256) + data.formatted("TEST", 8, 50)
                + "layer { name: \"fc\" type: \"InnerProduct\" bottom: \"data\" top: \"fc\""
                + " inner_product_param { num_output: 10 } }\n"
                + "layer { name: \"drop\" type: \"Dropout\" bottom: \"fc\" top: \"fc\" include { phase: TRAIN } }\n"
                + "layer { name: \"loss\" type: \"SoftmaxWithLoss\" bottom: \"fc\" bottom: \"label\" top: \"loss\" }\n"
                + "layer { name: \"acc\" type: \"Accuracy\" bottom: \"fc\" bottom: \"label\" top: \"acc\""
                + " include { phase: TEST } }\n";
        ImportedModel m = read(text);
        Net net = m.document().net();
        assertEquals(Shape.of(1, 3, 8, 8), net.inputShape());
        assertEquals(50, m.declaredBatch());
        assertEquals(-1, net.indexOf("drop"));
        assertInstanceOf(TrainingHead.class, net.layer(net.indexOf("loss")).op());
        assertEquals(List.of("fc"), net.layer(net.indexOf("acc")).inputs());
        Analysis a = CostAnalysis.analyze(net);
        assertEquals(192 * 10 + 10, a.totals().params());
        assertEquals(0, a.layer(net.indexOf("loss")).mac());
        assertEquals(0, a.unknownLayers());
    }

    @Test
    void v1TypesFlattenInnerProductAndSoftmax() throws Exception {
        String text = INPUT + "layers { name: \"flat\" type: FLATTEN bottom: \"data\" top: \"flat\" }\n"
                + "layers { name: \"ip\" type: INNER_PRODUCT bottom: \"flat\" top: \"ip\""
                + " inner_product_param { num_output: 5 bias_term: false } }\n"
                + "layers { name: \"prob\" type: SOFTMAX bottom: \"ip\" top: \"prob\" }\n"
                + "layers { name: \"vol\" type: CONVOLUTION bottom: \"data\" top: \"vol\""
                + " convolution_param { num_output: 2 kernel_size: 1 kernel_size: 1 kernel_size: 1 } }\n";
        ImportedModel m = read(text);
        Net net = m.document().net();
        assertEquals(Shape.of(1, 192), net.outputShape(net.indexOf("flat")));
        assertEquals(Shape.of(1, 5), net.outputShape(net.indexOf("prob")));
        assertEquals(192 * 5, CostAnalysis.analyze(net).totals().params());
        assertTrue(m.warnings().get(0).contains("layer 'vol' (Convolution): a convolution over other than two"
                + " spatial axes is not supported"), m.warnings().toString());
    }

    @Test
    void forkLayersMapOntoEngineOps() throws Exception {
        String text = INPUT + conv("c", "data", "c", "num_output: 4 kernel_size: 1")
                + "layer { name: \"pool\" type: \"Pooling\" bottom: \"c\" top: \"g\" pooling_param { pool: AVE"
                + " global_pooling: true } }\n" + layer("sig", "Sigmoid", "g", "g")
                + "layer { name: \"axpy\" type: \"Axpy\" bottom: \"g\" bottom: \"c\" bottom: \"c\" top: \"se\" }\n"
                + "layer { name: \"shuffle\" type: \"ShuffleChannel\" bottom: \"se\" top: \"sh\""
                + " shuffle_channel_param { group: 2 } }\n"
                + "layer { name: \"slice\" type: \"Slice\" bottom: \"sh\" top: \"s1\" top: \"s2\""
                + " slice_param { slice_point: 1 } }\n"
                + "layer { name: \"p\" type: \"Eltwise\" bottom: \"s2\" bottom: \"s2\" top: \"p\""
                + " eltwise_param { operation: PROD } }\n"
                + "layer { name: \"mx\" type: \"Eltwise\" bottom: \"p\" bottom: \"s2\" top: \"mx\""
                + " eltwise_param { operation: MAX } }\n";
        ImportedModel m = read(text);
        assertEquals(List.of(), m.warnings());
        Net net = m.document().net();
        assertEquals(List.of("c", "sig"), net.layer(net.indexOf("axpy/ax")).inputs());
        assertInstanceOf(ChannelMultiply.class, net.layer(net.indexOf("axpy/ax")).op());
        assertEquals(List.of("axpy/ax", "c"), net.layer(net.indexOf("axpy")).inputs());
        assertInstanceOf(Add.class, net.layer(net.indexOf("axpy")).op());
        assertEquals(new ChannelShuffle(2), net.layer(net.indexOf("shuffle")).op());
        assertEquals(new ChannelSlice(0, 1), net.layer(net.indexOf("s1")).op());
        assertEquals(new ChannelSlice(1, 4), net.layer(net.indexOf("s2")).op());
        assertEquals(new Elementwise(Elementwise.Operation.MUL), net.layer(net.indexOf("p")).op());
        assertEquals(new Elementwise(Elementwise.Operation.MAX), net.layer(net.indexOf("mx")).op());
        assertEquals(Shape.of(1, 3, 8, 8), net.finalShape());
        assertEquals(new Activation(Activation.Function.SIGMOID), net.layer(net.indexOf("sig")).op());
    }

    /**
     * SENet's SE-BN-Inception scales a module's output by its excitation with a two-bottom Scale on axis 0, the
     * factors reshaped to N×C: a per-channel multiply of the first bottom by the second, with no parameters.
     */
    @Test
    void twoBottomScaleOnAxisZeroIsAChannelMultiply() throws Exception {
        String text = INPUT + conv("c", "data", "c", "num_output: 4 kernel_size: 1")
                + "layer { name: \"pool\" type: \"Pooling\" bottom: \"c\" top: \"g\" pooling_param { pool: AVE"
                + " global_pooling: true } }\n" + layer("sig", "Sigmoid", "g", "g")
                + "layer { name: \"flat\" type: \"Reshape\" bottom: \"g\" top: \"f\""
                + " reshape_param { shape { dim: 0 dim: 0 } } }\n"
                + "layer { name: \"excite\" type: \"Scale\" bottom: \"c\" bottom: \"f\" top: \"out\""
                + " scale_param { axis: 0 bias_term: false } }\n";
        ImportedModel m = read(text);
        assertEquals(List.of(), m.warnings());
        Net net = m.document().net();
        assertInstanceOf(ChannelMultiply.class, net.layer(net.indexOf("excite")).op());
        assertEquals(List.of("c", "flat"), net.layer(net.indexOf("excite")).inputs());
        assertEquals(Shape.of(1, 4, 8, 8), net.finalShape());
        assertEquals(0, CostAnalysis.analyze(net).layer(net.indexOf("excite")).params());
    }
}
