package io.archexplorer.samples.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.io.onnx.OnnxExporter;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Identity;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.weights.LayerWeights;
import io.archexplorer.engine.weights.NetWeights;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter's promises besides the op semantics: the model's interface, atomic files, and its refusals. */
class OnnxExporterContractTest {

    private static Net tinyNet() {
        NetBuilder b = new NetBuilder("tiny");
        b.add("image", new Input(3, 2, 9, 7));
        b.add("conv", Conv.of(4, 3, 2, 1), "image");
        b.add("relu", Activation.relu(), "conv");
        b.add("pool", new GlobalAvgPool(), "relu");
        return b.build();
    }

    @Test
    void modelHasOneInputAndOneOutputWithTheNetsShapesAndNames(@TempDir Path dir) throws Exception {
        Net net = tinyNet();
        Path file = dir.resolve("tiny.onnx");

        OnnxExporter.write(net, NetWeights.generate(net, 42), file);

        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString())) {
            assertEquals("architecture-explorer", session.getMetadata().getProducerName());
            assertEquals("tiny", session.getMetadata().getGraphName());
            assertEquals(List.of("input"), List.copyOf(session.getInputNames()));
            assertEquals(List.of("output"), List.copyOf(session.getOutputNames()));
            assertArrayEquals(new long[] {3, 2, 9, 7}, shape(session.getInputInfo().get("input")));
            assertArrayEquals(new long[] {3, 4, 1, 1}, shape(session.getOutputInfo().get("output")));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    /** The wire format by hand: field 1 (ir_version) varint 8, then field 2 (producer_name) as 21 UTF-8 bytes. */
    @Test
    void modelStartsWithIrVersionAndProducer() {
        Net net = tinyNet();
        byte[] model = OnnxRuntimePeer.export(net, NetWeights.generate(net, 42));

        byte[] producer = "architecture-explorer".getBytes(StandardCharsets.UTF_8);
        byte[] expected = new byte[4 + producer.length];
        expected[0] = (1 << 3) | 0; // field 1, wire type 0 (varint)
        expected[1] = 8;
        expected[2] = (2 << 3) | 2; // field 2, wire type 2 (length-delimited)
        expected[3] = (byte) producer.length;
        System.arraycopy(producer, 0, expected, 4, producer.length);
        assertArrayEquals(expected, Arrays.copyOf(model, expected.length));
    }

    @Test
    void failedExportLeavesTheExistingFileAlone(@TempDir Path dir) throws IOException {
        Net net = tinyNet();
        Path file = dir.resolve("tiny.onnx");
        Files.writeString(file, "previous model");
        LayerWeights[] layers = new LayerWeights[net.size()];
        Arrays.fill(layers, LayerWeights.NONE);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExporter.write(net, new NetWeights(layers), file));

        assertEquals("tensor 'conv.weight' needs 72 values of shape [4, 2, 3, 3], got none", e.getMessage());
        assertEquals("previous model", Files.readString(file));
    }

    @Test
    void refusesANetWithTwoInputs() {
        NetBuilder b = new NetBuilder("two");
        b.add("left", new Input(1, 2, 3, 3));
        b.add("right", new Input(1, 2, 3, 3));
        b.add("sum", new Add(), "left", "right");
        Net net = b.build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExporter.write(net, NetWeights.generate(net, 1), OutputStream.nullOutputStream()));

        assertEquals("net 'two' has two input layers, 'left' and 'right'; ONNX export supports one", e.getMessage());
    }

    @Test
    void refusesLayerNamesThatClashWithTensorNames() {
        NetBuilder b = new NetBuilder("clash");
        b.add("input", new Input(1, 2, 3, 3));
        b.add("conv", Conv.of(2, 1, 1, 0), "input");
        b.add("conv.weight", new Identity(), "conv");
        b.add("last", new Identity(), "conv.weight");
        Net net = b.build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExporter.write(net, NetWeights.generate(net, 1), OutputStream.nullOutputStream()));

        assertEquals("two ONNX tensors would be named 'conv.weight'; rename the layer whose name clashes",
                e.getMessage());
    }

    /** Five fc layers of 2^27 weights share one array: the test holds 0.5 GB, the model would take 5·2^29 bytes. */
    @Test
    void refusesAModelOverProtobufsSizeLimit() {
        int wide = 1 << 17;
        int narrow = 1 << 10;
        NetBuilder b = new NetBuilder("huge");
        b.add("input", new Input(1, narrow, 1, 1));
        b.add("fc1", new FullyConnected(wide, false), "input");
        b.add("fc2", new FullyConnected(narrow, false), "fc1");
        b.add("fc3", new FullyConnected(wide, false), "fc2");
        b.add("fc4", new FullyConnected(narrow, false), "fc3");
        b.add("fc5", new FullyConnected(wide, false), "fc4");
        Net net = b.build();
        LayerWeights shared = new LayerWeights(new float[wide * narrow], null, null, null, null, null);
        LayerWeights[] layers = new LayerWeights[net.size()];
        Arrays.fill(layers, shared);
        layers[net.indexOf("input")] = LayerWeights.NONE;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExporter.write(net, new NetWeights(layers), OutputStream.nullOutputStream()));

        assertEquals("net 'huge' makes a 2.68 GB ONNX model, over protobuf's limit of 2^31 bytes (2.15 GB);"
                + " weights in external files are not supported", e.getMessage());
    }

    private static long[] shape(NodeInfo info) throws OrtException {
        return ((TensorInfo) info.getInfo()).getShape();
    }
}
