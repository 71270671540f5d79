package io.archexplorer.engine.io.onnx;

import static io.archexplorer.engine.io.onnx.OnnxMessages.intsAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.weights.NetWeights;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged ONNX files: hand-written cases, each with the one-line message it must give, and seeded random mutations
 * (truncation, byte flips, corrupted lengths and varints, inserted, deleted and repeated runs) of an exported model,
 * a hand-written PyTorch-style one and one PyTorch wrote. Every outcome is a successful import or a {@link ModelFileException} naming the file, in
 * bounded time: never another exception, a hang, an OutOfMemoryError or a stack overflow.
 */
class MalformedOnnxTest {
    private static final int MUTATIONS = 200;

    private static ModelFileException failure(byte[] bytes) {
        return assertThrows(ModelFileException.class, () -> PyTorchStyleImportTest.read(bytes));
    }

    @Test
    void anEmptyFileHasNoGraph() {
        assertEquals("fixture.onnx: byte 0: expected an ONNX model (a ModelProto with a graph); found no graph",
                failure(new byte[0]).getMessage());
    }

    @Test
    void textIsNotAModel() {
        String message = failure("name: \"not a model\"\n".getBytes(StandardCharsets.UTF_8)).getMessage();
        assertTrue(message.matches("fixture\\.onnx: byte \\d+: expected .*"), message);
    }

    @Test
    void aTruncatedFileSaysWhereTheDataEnds() {
        byte[] model = PyTorchStyleImportTest.opset9Net();
        String message = failure(Arrays.copyOf(model, model.length / 2)).getMessage();
        assertTrue(message.matches("fixture\\.onnx: byte \\d+: expected a length within the \\d+ bytes left, got \\d+"),
                message);
    }

    @Test
    void aVarintOfElevenBytesIsRefused() {
        byte[] bytes = new byte[12];
        bytes[0] = 0x08; // ir_version, a varint
        Arrays.fill(bytes, 1, 12, (byte) 0xFF);
        assertEquals("fixture.onnx: byte 1: expected a varint, got more than 10 bytes", failure(bytes).getMessage());
    }

    @Test
    void groupWireTypesAreRefused() {
        assertEquals("fixture.onnx: byte 0: expected a field tag, got wire type 3 (field 1)",
                failure(new byte[] {0x0B, 0x0C}).getMessage());
    }

    @Test
    void aHugeLengthIsRefusedBeforeAnythingIsAllocated() {
        byte[] bytes = {0x3A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0x3F, 0x00};
        assertEquals("fixture.onnx: byte 1: expected a length within the 1 bytes left, got 36028797018963967",
                failure(bytes).getMessage());
    }

    /**
     * An unknown field nested 100,000 levels deep is skipped whole: the reader never recurses into it. (Written
     * here byte by byte: the exporter's writer recurses, and never writes such a thing.)
     */
    @Test
    void deeplyNestedUnknownFieldsAreSkippedWithoutRecursion() {
        int levels = 100_000;
        long[] payload = new long[levels + 1];
        payload[0] = 2; // the innermost message: field 1 = 1
        for (int level = 1; level <= levels; level++) {
            payload[level] = 1 + varint(payload[level - 1]).length + payload[level - 1];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write((15 << 3) | 2); // field 15, which ModelProto does not define
        bytes.writeBytes(varint(payload[levels]));
        for (int level = levels; level >= 1; level--) {
            bytes.write((1 << 3) | 2);
            bytes.writeBytes(varint(payload[level - 1]));
        }
        bytes.writeBytes(new byte[] {0x08, 0x01});
        String message = failure(bytes.toByteArray()).getMessage();
        assertTrue(message.endsWith("found no graph"), message);
    }

    private static byte[] varint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
        return out.toByteArray();
    }

    @Test
    void anInputNoNodeProducesIsNamedWithItsNode() {
        OnnxFixture f = new OnnxFixture(1);
        f.input("x", 1, 3, 4, 4);
        String r = f.node("Relu", "relu", List.of("nowhere"));
        assertEquals("fixture.onnx: node 'relu' (Relu): input 'nowhere' is not a graph input, an initializer or the"
                + " output of a node above", failure(f.model(14, r)).getMessage());
    }

    @Test
    void weightsThatDoNotFitTheInputAreAnError() {
        OnnxFixture f = new OnnxFixture(2);
        f.input("x", 1, 3, 4, 4);
        String c = f.node("Conv", "conv", List.of("x", f.weights("w", 4, 5, 1, 1)),
                intsAttribute("kernel_shape", 1, 1));
        assertEquals("fixture.onnx: node 'conv' (Conv): weights [4, 5, 1, 1] with group 1 need 5 input channels, the"
                + " input has 3", failure(f.model(14, c)).getMessage());
    }

    @Test
    void anInputWithoutAShapeIsAnError() {
        OnnxFixture f = new OnnxFixture(3);
        f.input("x");
        String r = f.node("Relu", "relu", List.of("x"));
        assertEquals("fixture.onnx: input 'x' has shape []; the engine's nets take N×C×H×W images",
                failure(f.model(14, r)).getMessage());
    }

    /** Weights that do not hold their shape's values are reported; the net is still analyzed, and runs generated. */
    @Test
    void weightsWithoutTheirDataFallBackToGeneratedOnes() throws ModelFileException {
        OnnxFixture f = new OnnxFixture(4);
        f.input("x", 1, 3, 4, 4);
        String c = f.node("Conv", "conv", List.of("x", f.shortWeights("w", 5, 4, 3, 1, 1)));
        ImportedModel m = PyTorchStyleImportTest.read(f.model(14, c));
        assertTrue(m.weights().isEmpty());
        assertEquals(List.of("fixture.onnx: tensor 'w' holds no data for its shape [4, 3, 1, 1]; run and bench use"
                + " generated weights"), m.warnings());
        assertEquals(12, CostAnalysis.analyze(m.document().net()).totals().params());
    }

    static Stream<Arguments> mutations() throws IOException {
        Map<String, byte[]> originals = new LinkedHashMap<>();
        originals.put("exported", exportedNet());
        originals.put("pytorch-style", PyTorchStyleImportTest.opset14Net());
        try (InputStream in = MalformedOnnxTest.class.getResourceAsStream("/onnx/tiny_14.onnx")) {
            originals.put("pytorch", in.readAllBytes());
        }
        List<String> names = List.copyOf(originals.keySet());
        return IntStream.range(0, MUTATIONS).mapToObj(seed -> {
            String name = names.get(seed % names.size());
            Mutation m = Mutation.of(originals.get(name), new Random(seed));
            return Arguments.of(name + " #" + seed + ": " + m.what, m.bytes);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void aMutatedFileImportsOrGivesAModelFileException(String label, byte[] bytes) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                ImportedModel m = PyTorchStyleImportTest.read(bytes);
                Net net = m.document().net();
                CostAnalysis.analyze(net);
                if (m.weights().isPresent()) {
                    m.weights().get().load(net);
                }
            } catch (ModelFileException e) {
                assertTrue(e.getMessage().startsWith("fixture.onnx: "), label + ": " + e.getMessage());
                assertTrue(!e.getMessage().contains("\n"), label + ": one line: " + e.getMessage());
            }
        }, label);
    }

    /** A random change of the kinds damaged downloads and buggy writers make. */
    private record Mutation(String what, byte[] bytes) {
        static Mutation of(byte[] original, Random random) {
            int at = random.nextInt(original.length);
            return switch (random.nextInt(6)) {
                case 0 -> new Mutation("truncated to " + at + " bytes", Arrays.copyOf(original, at));
                case 1 -> {
                    byte[] b = original.clone();
                    int flips = 1 + random.nextInt(8);
                    for (int k = 0; k < flips; k++) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    yield new Mutation(flips + " bit flips", b);
                }
                case 2 -> {
                    byte[] b = original.clone();
                    byte value = new byte[] {0x00, 0x7F, (byte) 0x80, (byte) 0xFF}[random.nextInt(4)];
                    b[at] = value;
                    yield new Mutation("byte " + at + " set to " + (value & 0xFF) + " (length or varint corrupted)", b);
                }
                case 3 -> {
                    byte[] inserted = new byte[1 + random.nextInt(16)];
                    random.nextBytes(inserted);
                    yield new Mutation(inserted.length + " random bytes inserted at " + at,
                            splice(original, at, at, inserted));
                }
                case 4 -> {
                    int end = Math.min(original.length, at + 1 + random.nextInt(64));
                    yield new Mutation("bytes " + at + ".." + end + " deleted", splice(original, at, end, new byte[0]));
                }
                default -> {
                    int end = Math.min(original.length, at + 1 + random.nextInt(64));
                    yield new Mutation("bytes " + at + ".." + end + " repeated",
                            splice(original, end, end, Arrays.copyOfRange(original, at, end)));
                }
            };
        }

        private static byte[] splice(byte[] original, int from, int to, byte[] replacement) {
            byte[] b = new byte[original.length - (to - from) + replacement.length];
            System.arraycopy(original, 0, b, 0, from);
            System.arraycopy(replacement, 0, b, from, replacement.length);
            System.arraycopy(original, to, b, from + replacement.length, original.length - to);
            return b;
        }
    }

    /** A small net with most kinds of layer our exporter writes, exported with seeded weights. */
    private static byte[] exportedNet() {
        NetBuilder b = new NetBuilder("small");
        String x = b.add("input", new Input(1, 3, 12, 12));
        String c = b.add("conv", Conv.of(8, 3, 1, 1), x);
        String bn = b.add("bn", new BatchNorm(), c);
        String r = b.add("relu", new Activation(Activation.Function.RELU6), bn);
        String p = b.add("pool", Pool.max(3, 2, 1).withCeilMode(), r);
        String s = b.add("shuffle", new ChannelShuffle(2), p);
        String left = b.add("left", new ChannelSlice(0, 4), s);
        String right = b.add("right", new ChannelSlice(4, 8), s);
        String cat = b.add("cat", new Concat(), right, left);
        String sum = b.add("sum", new Add(), cat, s);
        String gap = b.add("gap", new GlobalAvgPool(), sum);
        String flat = b.add("flatten", new Flatten(), gap);
        b.add("fc", new FullyConnected(5, true), flat);
        Net net = b.build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            OnnxExporter.write(net, NetWeights.generate(net, 42), bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }
}
