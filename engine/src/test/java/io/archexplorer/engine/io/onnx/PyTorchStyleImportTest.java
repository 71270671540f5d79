package io.archexplorer.engine.io.onnx;

import static io.archexplorer.engine.io.onnx.OnnxMessages.floatAttribute;
import static io.archexplorer.engine.io.onnx.OnnxMessages.intAttribute;
import static io.archexplorer.engine.io.onnx.OnnxMessages.intsAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.RuntimeOptions;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Files written the way PyTorch's exporter writes them (see the shared reference's "Other export rewrites worth
 * knowing": ReLU6 → Clip, flatten as Shape/Gather/Unsqueeze/Concat/Reshape, channel shuffle as
 * Reshape/Transpose/Reshape, mean([2, 3]) → ReduceMean, Linear → Gemm, chunk → Slice), hand-written node by node.
 * Shapes and figures are checked against values worked out by hand in each test's comments, and the imported net,
 * run with the file's weights, against ONNX Runtime on the same file.
 */
class PyTorchStyleImportTest {
    private static final OrtEnvironment ORT = OrtEnvironment.getEnvironment();

    /**
     * Opset 14 (the first with HardSwish), symbolic batch: conv 3→8 (3×3, pad 1, bias) → BatchNormalization →
     * Clip(0, 6) with Constant inputs
     * → channel shuffle (g = 2; the view's shape from Shape/Gather/Unsqueeze/Concat) → Split [4, 4] by input → SE on
     * the first half (ReduceMean over H, W; 1×1 conv 4→4 with bias; Sigmoid; Mul) and HardSwish on the second →
     * Concat → Slice of channels 0:6 → MaxPool 2×2/2 → flatten as PyTorch spells x.view(x.size(0), -1) → Gemm
     * (transB) 96→10 → MatMul by a [10][5] matrix → Softmax.
     */
    static byte[] opset14Net() {
        OnnxFixture f = new OnnxFixture(11);
        f.input("x", "batch", 3, 8, 8);
        String c1 = f.node("Conv", "conv1", List.of("x", f.weights("conv1.weight", 8, 3, 3, 3),
                f.weights("conv1.bias", 8)), intsAttribute("kernel_shape", 3, 3), intsAttribute("pads", 1, 1, 1, 1));
        String b1 = f.node("BatchNormalization", "bn1", List.of(c1, f.weights("bn1.weight", 8),
                f.weights("bn1.bias", 8), f.weights("bn1.running_mean", 8), f.weights("bn1.running_var", true, 8)),
                floatAttribute("epsilon", 1e-5f));
        String r1 = f.node("Clip", "relu6", List.of(b1, f.constantScalar("min", 0), f.constantScalar("max", 6)));
        String batch = f.node("Unsqueeze", "unsqueeze", List.of(f.node("Gather", "gather", List.of(
                f.node("Shape", "shape", List.of(r1)), f.constantInts("zero", new long[0], 0))), f.ints("axes0", 0)));
        String groupShape = f.node("Concat", "group_shape", List.of(batch, f.ints("rest", 2, 4, 8, 8)),
                intAttribute("axis", 0));
        String grouped = f.node("Reshape", "view", List.of(r1, groupShape));
        String swapped = f.node("Transpose", "transpose", List.of(grouped), intsAttribute("perm", 0, 2, 1, 3, 4));
        String shuffled = f.node("Reshape", "shuffle", List.of(swapped, f.ints("shuffled_shape", 0, -1, 8, 8)));
        List<String> halves = f.nodes("Split", "split", List.of(shuffled, f.ints("sizes", 4, 4)), List.of("a", "b"),
                intAttribute("axis", 1));
        String pooled = f.node("ReduceMean", "se_pool", List.of(halves.get(0)), intsAttribute("axes", 2, 3));
        String gate = f.node("Sigmoid", "se_gate", List.of(f.node("Conv", "se_fc", List.of(pooled,
                f.weights("se_fc.weight", 4, 4, 1, 1), f.weights("se_fc.bias", 4)))));
        String excited = f.node("Mul", "se_scale", List.of(halves.get(0), gate));
        String hswish = f.node("HardSwish", "hswish", List.of(halves.get(1)));
        String joined = f.node("Concat", "cat", List.of(excited, hswish), intAttribute("axis", 1));
        String chunk = f.node("Slice", "chunk", List.of(joined, f.ints("starts", 0), f.ints("ends", 6),
                f.ints("axes1", 1)));
        String pool = f.node("MaxPool", "pool", List.of(chunk), intsAttribute("kernel_shape", 2, 2),
                intsAttribute("strides", 2, 2));
        String n = f.node("Unsqueeze", "unsqueeze2", List.of(f.node("Gather", "gather2", List.of(
                f.node("Shape", "shape2", List.of(pool)), f.constantInts("zero2", new long[0], 0))),
                f.ints("axes2", 0)));
        String flatShape = f.node("Concat", "flat_shape", List.of(n, f.ints("minus_one", -1)), intAttribute("axis", 0));
        String flat = f.node("Reshape", "flatten", List.of(pool, flatShape));
        String fc1 = f.node("Gemm", "fc1", List.of(flat, f.weights("fc1.weight", 10, 96), f.weights("fc1.bias", 10)),
                intAttribute("transB", 1));
        String fc2 = f.node("MatMul", "fc2", List.of(fc1, f.weights("fc2.weight", 10, 5)));
        return f.model(14, f.node("Softmax", "prob", List.of(fc2), intAttribute("axis", -1)));
    }

    /**
     * Hand counts. conv1: 8·3·3·3 + 8 = 224 params; 8×8×8 = 512 outputs × 27 + 512 = 14,336 mult-adds. bn1: 16
     * params. se_fc: 4·4 + 4 = 20 params and mult-adds. fc1: 96·10 + 10 = 970. fc2: 10·5 = 50. Totals: 1,280
     * params, 15,376 mult-adds. Shapes: after the slice 6×8×8, pooled 6×4×4 = 96 features.
     */
    @Test
    void opset14NetMapsOntoEngineLayersWithHandCountedFigures() throws Exception {
        ImportedModel m = read(opset14Net());
        Net net = m.document().net();
        Analysis a = CostAnalysis.analyze(net);

        assertEquals(1280, a.totals().params());
        assertEquals(15376, a.totals().multAdds());
        assertEquals(0, a.unknownLayers());
        assertEquals(List.of("input x", "conv conv1", "batchnorm bn1", "relu6 relu6", "shuffle shuffle", "slice a",
                "slice b", "global_avg_pool se_pool", "conv se_fc", "sigmoid se_gate", "channel_mul se_scale",
                "hard_swish hswish", "concat cat", "slice chunk", "max_pool pool", "flatten flatten", "fc fc1",
                "fc fc2", "softmax prob"), kindsAndNames(net));
        assertEquals("1×8×8×8", shape(net, "shuffle"));
        assertEquals("1×4×1×1", shape(net, "se_pool"));
        assertEquals("1×6×8×8", shape(net, "chunk"));
        assertEquals("1×96", shape(net, "flatten"));
        assertEquals("1×5", shape(net, "prob"));
        assertEquals(1, m.declaredBatch());
        assertEquals(1, m.warnings().size(), m.warnings().toString());
        assertTrue(m.warnings().get(0).contains("input 'x': batch 'batch' is not a fixed size"), m.warnings().get(0));
    }

    @Test
    void opset14NetRunsWithTheFileWeightsAsOnnxRuntimeDoes() throws Exception {
        byte[] model = opset14Net();
        assertAgreesWithOnnxRuntime(model, 1);
        assertAgreesWithOnnxRuntime(model, 3);
    }

    /**
     * Opset 9, batch 4 declared: conv 3→4 (3×3, stride 2, auto_pad SAME_UPPER on 9×9: output 5×5, padding 1 each
     * side, no bias) → Clip with min/max attributes → Slice by attributes (channels 0:2) and Split by attribute
     * [1, 3] → Concat(second part, first part) → Add to the Clip's output → GlobalAveragePool → Flatten → Gemm with
     * transB = 0 ([4][3] weights), α = 0.5, β = 2 → Dropout (ratio attribute).
     */
    static byte[] opset9Net() {
        OnnxFixture f = new OnnxFixture(12);
        f.input("image", 4, 3, 9, 9);
        String c = f.node("Conv", "conv", List.of("image", f.weights("conv.weight", 4, 3, 3, 3)),
                intsAttribute("kernel_shape", 3, 3), intsAttribute("strides", 2, 2),
                OnnxFixture.stringAttribute("auto_pad", "SAME_UPPER"));
        String r = f.node("Clip", "clip", List.of(c), floatAttribute("min", 0), floatAttribute("max", 6));
        String front = f.node("Slice", "front", List.of(r), intsAttribute("starts", 0), intsAttribute("ends", 2),
                intsAttribute("axes", 1));
        List<String> parts = f.nodes("Split", "split", List.of(r), List.of("one", "three"), intAttribute("axis", 1),
                intsAttribute("split", 1, 3));
        String swapped = f.node("Concat", "swap", List.of(parts.get(1), parts.get(0)), intAttribute("axis", 1));
        String sum = f.node("Add", "sum", List.of(swapped, r));
        String pooled = f.node("GlobalAveragePool", "gap", List.of(sum));
        String flat = f.node("Flatten", "flat", List.of(pooled), intAttribute("axis", 1));
        String fc = f.node("Gemm", "fc", List.of(flat, f.weights("fc.weight", 4, 3), f.weights("fc.bias", 3)),
                floatAttribute("alpha", 0.5f), floatAttribute("beta", 2f));
        f.node("Relu", "unused_branch", List.of(front));
        return f.model(9, f.node("Dropout", "drop", List.of(fc), floatAttribute("ratio", 0.3f)));
    }

    /**
     * Hand counts: conv 4·3·3·3 = 108 params, 4×5×5 = 100 outputs × 27 = 2,700 mult-adds; fc 4·3 + 3 = 15. Totals
     * 123 params (the unused branch costs nothing), 2,715 mult-adds.
     */
    @Test
    void opset9NetReadsAttributesWhereLaterOpsetsTakeInputs() throws Exception {
        ImportedModel m = read(opset9Net());
        Net net = m.document().net();
        Analysis a = CostAnalysis.analyze(net);

        assertEquals(123, a.totals().params());
        assertEquals(2715, a.totals().multAdds());
        assertEquals("1×4×5×5", shape(net, "conv"));
        assertEquals("relu6", net.layer(net.indexOf("clip")).op().kind());
        assertEquals("1×2×5×5", shape(net, "front"));
        assertEquals("1×3×5×5", shape(net, "three"));
        assertEquals("1×3", shape(net, "fc"));
        assertEquals(4, m.declaredBatch(), "the declared batch is reported, figures are per image");
        assertEquals(List.of(), m.warnings());
    }

    @Test
    void opset9NetRunsWithTheFileWeightsAsOnnxRuntimeDoes() throws Exception {
        assertAgreesWithOnnxRuntime(opset9Net(), 4);
    }

    /**
     * Opset 18 moved ReduceMean's axes to an input: x.mean([-1, -2]) without keepdims is a global average pooling
     * then a flatten (8×5×5 → 8 features), here followed by a Gemm 8→2 (16 + 2 = 18 params).
     */
    static byte[] opset18Net() {
        OnnxFixture f = new OnnxFixture(14);
        f.input("x", 1, 8, 5, 5);
        String mean = f.node("ReduceMean", "mean", List.of("x", f.ints("axes", -1, -2)), intAttribute("keepdims", 0));
        return f.model(18, f.node("Gemm", "head", List.of(mean, f.weights("head.weight", 2, 8),
                f.weights("head.bias", 2)), intAttribute("transB", 1)));
    }

    @Test
    void opset18ReduceMeanTakesItsAxesAsAnInput() throws Exception {
        Net net = read(opset18Net()).document().net();

        assertEquals(List.of("input x", "global_avg_pool mean/pool", "flatten mean", "fc head"), kindsAndNames(net));
        assertEquals("1×8", shape(net, "mean"));
        assertEquals(18, CostAnalysis.analyze(net).totals().params());
        assertAgreesWithOnnxRuntime(opset18Net(), 1);
    }

    /**
     * Biases written as a separate Add of a per-channel constant: after a convolution without bias, after a per-channel
     * Mul (Caffe's Scale as exporters write it) and after a MatMul (PyTorch's Linear on more than two axes).
     */
    static byte[] biasAddNet() {
        OnnxFixture f = new OnnxFixture(15);
        f.input("x", 1, 3, 6, 6);
        String conv = f.node("Conv", "conv", List.of("x", f.weights("conv.weight", 4, 3, 3, 3)));
        String biased = f.node("Add", "conv_bias", List.of(conv, f.weights("conv.bias", 1, 4, 1, 1)));
        String scaled = f.node("Mul", "scale", List.of(biased, f.weights("scale.gamma", 4, 1, 1)));
        String shifted = f.node("Add", "shift", List.of(f.weights("scale.beta", 4, 1, 1), scaled));
        String flat = f.node("Flatten", "flatten", List.of(f.node("GlobalAveragePool", "gap", List.of(shifted))));
        String product = f.node("MatMul", "linear", List.of(flat, f.weights("linear.weight", 4, 3)));
        return f.model(14, f.node("Add", "linear_bias", List.of(product, f.weights("linear.bias", 3))));
    }

    /**
     * Each Add becomes the bias of the layer before it. Hand counts: conv 4·3·3·3 + 4 = 112 params, 4×4×4 = 64
     * outputs × 27 + 64 = 1,792 mult-adds; scale γ and β 2·4 = 8; fc 4·3 + 3 = 15 params and mult-adds. Totals 135
     * params, 1,807 mult-adds.
     */
    @Test
    void addsOfPerChannelConstantsBecomeTheBiasOfTheLayerBefore() throws Exception {
        Net net = read(biasAddNet()).document().net();

        assertEquals(List.of("input x", "conv conv", "scale scale", "global_avg_pool gap", "flatten flatten",
                "fc linear"), kindsAndNames(net));
        Analysis a = CostAnalysis.analyze(net);
        assertEquals(135, a.totals().params());
        assertEquals(1807, a.totals().multAdds());
        assertAgreesWithOnnxRuntime(biasAddNet(), 1);
    }

    /** An operator the engine does not know becomes an opaque layer: named in a warning, shapes below unknown. */
    @Test
    void unknownOperatorsBecomeOpaqueLayersAndTheImportGoesOn() throws Exception {
        OnnxFixture f = new OnnxFixture(13);
        f.input("x", 1, 3, 8, 8);
        String c = f.node("Conv", "conv", List.of("x", f.weights("conv.weight", 4, 3, 1, 1)));
        String odd = f.nodes("MyCustomOp", "custom", List.of(c), List.of("custom_out", "custom_extra")).get(0);
        String leaky = f.node("LeakyRelu", "leaky", List.of(odd));
        String conv2 = f.node("Conv", "conv2", List.of(leaky, f.weights("conv2.weight", 2, 4, 1, 1)));
        ImportedModel m = read(f.model(14, conv2));
        Net net = m.document().net();

        assertEquals(2, m.warnings().size(), m.warnings().toString());
        assertTrue(m.warnings().get(0).startsWith("fixture.onnx: node 'custom' (MyCustomOp): the engine does not know"
                + " this operator; imported as an opaque layer, shapes below it are unknown"), m.warnings().get(0));
        assertEquals("opaque", net.layer(net.indexOf("custom")).op().kind());
        assertEquals("?", shape(net, "conv2"));
        assertEquals("1×4×8×8", shape(net, "conv"));
        Analysis a = CostAnalysis.analyze(net);
        assertEquals(12, a.totals().params(), "conv 4·3; conv2's input channels are unknown below the opaque layer");
    }

    static ImportedModel read(byte[] model) throws ModelFileException {
        return OnnxImporter.read("fixture.onnx", "fixture", ByteBuffer.wrap(model));
    }

    private static List<String> kindsAndNames(Net net) {
        return net.layers().stream().map(l -> l.op().kind() + " " + l.name()).toList();
    }

    private static String shape(Net net, String layer) {
        return net.outputShape(net.indexOf(layer)).toString();
    }

    /** Our runtime with the file's weights and ONNX Runtime on the same bytes agree at this batch size. */
    private static void assertAgreesWithOnnxRuntime(byte[] model, int batch) throws Exception {
        ImportedModel m = read(model);
        Net net = m.document().net().withBatch(batch);
        float[] input = new float[Math.toIntExact(net.inputShape().elements())];
        Random random = new Random(5);
        for (int k = 0; k < input.length; k++) {
            input[k] = (float) random.nextGaussian();
        }
        float[] ours;
        try (CompiledNet compiled = CompiledNet.compile(net, m.weights().orElseThrow().load(net),
                RuntimeOptions.defaults())) {
            ours = compiled.run(input);
        }
        float[] theirs = onnxRuntime(model, net, input);
        assertEquals(theirs.length, ours.length);
        for (int k = 0; k < ours.length; k++) {
            assertEquals(theirs[k], ours[k], 1e-4 * (1 + Math.abs(theirs[k])), "output " + k + " at batch " + batch);
        }
    }

    private static float[] onnxRuntime(byte[] model, Net net, float[] input) throws OrtException {
        long[] shape = Arrays.stream(net.inputShape().dims()).asLongStream().toArray();
        String inputName = net.layer(0).name();
        try (OrtSession session = ORT.createSession(model, new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(ORT, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of(inputName, x))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }
}
