package io.archexplorer.engine.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files PyTorch 1.13's exporter wrote (src/test/resources/onnx, see SOURCES.md there): a small net with a
 * ShuffleNet V2 unit, an SE block and hard swish, at opsets 11 and 14. They import without an opaque layer, with
 * figures counted by hand, and compute what PyTorch computed.
 */
class PyTorchExportTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PyTorchExportTest.class.getResourceAsStream("/onnx/" + name)) {
            return in.readAllBytes();
        }
    }

    private static ImportedModel read(String file) throws Exception {
        return OnnxImporter.read(file, file.replace(".onnx", ""), ByteBuffer.wrap(resource(file)));
    }

    /**
     * By hand, per image (PyTorch folded each batchnorm into the convolution before it, which so gains a bias):
     * stem conv 3→16, 3×3/2 on 16×16: 16·27 + 16 = 448 params, 16×8×8 = 1,024 outputs × 27 + 1,024 = 28,672
     * mult-adds; branch 1×1 8→8: 72 and 512·8 + 512 = 4,608; depthwise 3×3: 80 and 512·9 + 512 = 5,120; SE 1×1
     * 16→4→16 with biases: 68 + 80, as many mult-adds; expand 1×1 16→24: 408 and 1,536·16 + 1,536 = 26,112; fc
     * 24·5·5 = 600 → 10: 6,010. Totals 7,166 params (PyTorch's 7,198 parameters less the 32 that folding the three
     * batchnorms' γ and β into biases removes) and 70,670 mult-adds.
     */
    @ParameterizedTest
    @ValueSource(strings = {"tiny_11.onnx", "tiny_14.onnx"})
    void importsWithHandCountedFigures(String file) throws Exception {
        ImportedModel m = read(file);
        Net net = m.document().net();
        Analysis a = CostAnalysis.analyze(net);

        assertEquals(0, a.unknownLayers());
        assertEquals(7166, a.totals().params());
        assertEquals(70670, a.totals().multAdds());
        assertEquals("shuffle", net.layer(net.indexOf("Reshape_1")).op().kind(), "Reshape/Transpose/Reshape");
        assertEquals("channel_mul", net.layer(net.indexOf("se.Mul")).op().kind(), "the SE gate");
        assertEquals("1×600", net.outputShape(net.indexOf("Reshape_2")).toString(), "view(x.size(0), -1)");
        assertEquals("1×8×8×8", net.outputShape(net.indexOf("Slice_1")).toString(), "chunk");
        // PyTorch's scopes become blocks: the SE module and the two Sequentials, not the single modules in them.
        assertEquals("se", net.layer(net.indexOf("se.fc1.Conv")).block());
        assertEquals("se", net.layer(net.indexOf("se.Mul")).block());
        assertEquals("stem", net.layer(net.indexOf("stem.0.Conv")).block());
        assertEquals("branch", net.layer(net.indexOf("branch.3.Conv")).block());
        assertEquals("", net.layer(net.indexOf("expand.Conv")).block(), "one module alone is no block");
        assertEquals(file.replace(".onnx", ""), net.name(), "PyTorch's graph name torch_jit says nothing");
        assertEquals(1, m.warnings().size(), m.warnings().toString());
        assertTrue(m.warnings().get(0).endsWith("input 'image': batch 'batch' is not a fixed size; figures are per"
                + " image (batch 1)"), m.warnings().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny_11", "tiny_14"})
    void computesWhatPyTorchComputed(String stem) throws Exception {
        ImportedModel m = read(stem + ".onnx");
        Net net = m.document().net().withBatch(2);
        float[] input = floats(resource("tiny.input.f32"));
        float[] expected = floats(resource(stem + ".expected.f32"));

        float[] output;
        try (CompiledNet compiled = CompiledNet.compile(net, m.weights().orElseThrow().load(net),
                RuntimeOptions.defaults())) {
            output = compiled.run(input);
        }

        assertEquals(expected.length, output.length);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], output[k], 1e-4 * (1 + Math.abs(expected[k])), stem + " output " + k);
        }
    }

    private static float[] floats(byte[] littleEndian) {
        float[] values = new float[littleEndian.length / 4];
        ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
