package io.archexplorer.engine.io;

import static io.archexplorer.engine.io.onnx.OnnxTestNets.convNet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.io.caffe.CaffeImporter;
import io.archexplorer.engine.io.onnx.OnnxImporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The probe of issue 16 as a test: seeded structural mutations of real model files in each format — lines and
 * layers deleted, repeated and swapped (duplicate layers and keys), inputs renamed to other layers (cycles, forward
 * references), numbers replaced by huge, negative, zero and non-finite values (kernels, strides, groups, dilations,
 * dimensions at 0 and 2^31−1), truncation, deep nesting, bytes that are not UTF-8 — through the importer and the
 * analysis. Each case ends in a net whose analysis is finite and consistent, or in a {@link ModelFileException}
 * (or {@link InvalidNetException}) whose one-line message says where and names no Java class; never another
 * exception, a stack overflow or a hang. Byte-level damage of ONNX files is {@code MalformedOnnxTest}'s.
 */
class ModelFileMutationTest {
    private static final int CASES_PER_FORMAT = 300;
    private static final List<String> CAFFE = List.of("bvlc_alexnet", "bvlc_googlenet", "densenet121", "inception_v3",
            "mobilenet_v2", "resnet50", "se_resnext50_32x4d", "squeezenet_v1.1", "xception", "netscope_preset_nin",
            "netscope_preset_fcn-8s-pascal");
    /** JSON files: the same nets as the project's own format writes them (one layer per line). */
    private static final List<String> JSON = List.of("bvlc_googlenet", "mobilenet_v2", "resnet50", "squeezenet_v1.1",
            "xception");
    /** Values a careless or hostile edit puts where a number was. */
    private static final List<String> NUMBERS = List.of("0", "-1", "1", "2", "3", "7", "-2147483648", "2147483647",
            "2147483648", "429496730", "1073741824", "99999999999999999999", "1e309", "-1e309", "NaN", "0.5", "-0",
            "1e-320", "65536", "1000000");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?(?![\\w.])");
    private static final Pattern CAFFE_REFERENCE = Pattern.compile("(bottom|top): \"([^\"]*)\"");
    private static final Pattern JSON_REFERENCE = Pattern.compile("\"inputs\": ?\\[\"([^\"]*)\"");
    /** A Java class or package name, or Jackson's wording: a message must be in the project's words. */
    private static final Pattern JAVA_NAME = Pattern.compile(
            "(\\b(java|javax|com|io|org)\\.[a-z]+\\.)|Exception|`|Source: |\\bat \\[");

    enum Format { CAFFE, JSON }

    static Stream<Arguments> caffeMutations() {
        return mutations(Format.CAFFE, CAFFE);
    }

    static Stream<Arguments> jsonMutations() {
        return mutations(Format.JSON, JSON);
    }

    static Stream<Arguments> onnxAttributeMutations() {
        return IntStream.range(0, CASES_PER_FORMAT).mapToObj(seed -> {
            Random random = new Random(seed);
            long[] values = new long[12];
            for (int k = 0; k < values.length; k++) {
                values[k] = random.nextInt(3) == 0 ? Long.parseLong(pick(random, List.of("0", "-1", "1", "2", "3",
                        "-2147483648", "2147483647", "2147483648", "429496730", "1073741824", "65536")))
                        : 1 + random.nextInt(4);
            }
            return Arguments.of("onnx #" + seed + " " + Arrays.toString(values), values);
        });
    }

    private static Stream<Arguments> mutations(Format format, List<String> files) {
        List<String> texts = files.stream().map(f -> format == Format.CAFFE ? caffeText(f) : jsonText(f)).toList();
        return IntStream.range(0, CASES_PER_FORMAT).mapToObj(seed -> {
            int file = seed % files.size();
            Random random = new Random(seed);
            Mutation m = mutate(format, texts.get(file), random);
            return Arguments.of(files.get(file) + " #" + seed + ": " + m.what, files.get(file), m.bytes);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caffeMutations")
    void aMutatedPrototxtImportsOrGivesALocatedError(String label, String file, byte[] bytes) {
        String source = file + ".prototxt";
        check(label, source, () -> CaffeImporter.read(source, file,
                ModelFileReading.decodeUtf8(source, bytes)).document().net());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonMutations")
    void aMutatedJsonModelReadsOrGivesALocatedError(String label, String file, byte[] bytes) {
        String source = file + ".json";
        check(label, source, () -> NetJson.read(source,
                new StringReader(ModelFileReading.decodeUtf8(source, bytes))).net());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onnxAttributeMutations")
    void anOnnxNetWithExtremeAttributesImportsOrGivesALocatedError(String label, long[] values) {
        byte[] bytes = convNet(values);
        check(label, "fixture.onnx", () -> {
            ImportedModel m = OnnxImporter.read("fixture.onnx", "fixture", ByteBuffer.wrap(bytes));
            if (m.weights().isPresent()) {
                m.weights().get().load(m.document().net());
            }
            return m.document().net();
        });
    }

    /** /dev/zero, /dev/null and a directory under each format's extension: refused in one line, at once. */
    @Test
    void specialFilesAreRefusedInOneLine(@TempDir Path dir) throws IOException {
        for (String extension : List.of(".prototxt", ".json", ".onnx")) {
            Path zero = Files.createSymbolicLink(dir.resolve("zero" + extension), Path.of("/dev/zero"));
            Path empty = Files.createSymbolicLink(dir.resolve("null" + extension), Path.of("/dev/null"));
            Path folder = Files.createDirectory(dir.resolve("folder" + extension));
            for (Path special : List.of(zero, empty, folder)) {
                check(special.toString(), special.toString(), () -> ModelFiles.read(special).document().net());
            }
        }
    }

    @FunctionalInterface
    private interface Import {
        Net read() throws ModelFileException;
    }

    private static void check(String label, String source, Import importer) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Net net;
            try {
                net = importer.read();
            } catch (ModelFileException | InvalidNetException e) {
                assertLocatedOneLiner(label, source, e.getMessage());
                return;
            }
            assertConsistent(label, net);
        }, label);
    }

    private static void assertLocatedOneLiner(String label, String source, String message) {
        assertFalse(message.contains("\n"), label + ": one line: " + message);
        assertFalse(JAVA_NAME.matcher(message).find(), label + ": in the project's words: " + message);
        // file:line:column, or the whole file (no input), or ONNX's byte offset or node.
        boolean located = message.startsWith(source + ":") || message.startsWith("layer '");
        assertTrue(located, label + ": names the file: " + message);
        assertTrue(message.length() < 600, label + ": short: " + message);
    }

    /** Finite figures that add up: the totals are the layers' sums, and every known shape is positive. */
    private static void assertConsistent(String label, Net net) {
        Analysis a = CostAnalysis.analyze(net);
        long params = 0;
        long multAdds = 0;
        long mac = 0;
        for (int i = 0; i < net.size(); i++) {
            LayerCost c = a.layer(i);
            assertTrue(c.params() >= 0 && c.multAdds() >= 0 && c.mac() >= 0 && c.activations() >= 0,
                    label + ": layer " + net.layer(i).name() + " " + c);
            Shape s = net.outputShape(i);
            assertTrue(!s.isKnown() || Arrays.stream(s.dims()).allMatch(d -> d > 0), label + ": " + s);
            params = Math.addExact(params, c.params());
            multAdds = Math.addExact(multAdds, c.multAdds());
            mac = Math.addExact(mac, c.mac());
        }
        assertEquals(params, a.totals().params(), label);
        assertEquals(multAdds, a.totals().multAdds(), label);
        assertEquals(mac, a.totals().mac(), label);
    }

    private record Mutation(String what, byte[] bytes) {
    }

    private static Mutation mutate(Format format, String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int at = random.nextInt(lines.size());
        int kind = random.nextInt(10);
        switch (kind) {
            case 0 -> {
                lines.remove(at);
                return text("line " + (at + 1) + " deleted", lines);
            }
            case 1 -> {
                lines.add(at, lines.get(at));
                return text("line " + (at + 1) + " repeated", lines);
            }
            case 2 -> {
                int other = random.nextInt(lines.size());
                String line = lines.get(at);
                lines.set(at, lines.get(other));
                lines.set(other, line);
                return text("lines " + (at + 1) + " and " + (other + 1) + " swapped", lines);
            }
            case 3, 4, 5 -> {
                int count = 1 + random.nextInt(3);
                String changed = text;
                StringBuilder what = new StringBuilder();
                for (int k = 0; k < count; k++) {
                    List<int[]> spans = spans(NUMBER.matcher(changed));
                    int[] span = spans.get(random.nextInt(spans.size()));
                    String value = pick(random, NUMBERS);
                    what.append(changed, span[0], span[1]).append("→").append(value).append(' ');
                    changed = changed.substring(0, span[0]) + value + changed.substring(span[1]);
                }
                return new Mutation("numbers " + what.toString().strip(), utf8(changed));
            }
            case 6 -> {
                Matcher m = (format == Format.CAFFE ? CAFFE_REFERENCE : JSON_REFERENCE).matcher(text);
                List<int[]> spans = new ArrayList<>();
                List<String> names = new ArrayList<>();
                int group = format == Format.CAFFE ? 2 : 1;
                while (m.find()) {
                    spans.add(new int[] {m.start(group), m.end(group)});
                    names.add(m.group(group));
                }
                int[] span = spans.get(random.nextInt(spans.size()));
                String name = pick(random, names);
                return new Mutation("reference '" + text.substring(span[0], span[1]) + "' renamed to '" + name + "'",
                        utf8(text.substring(0, span[0]) + name + text.substring(span[1])));
            }
            case 7 -> {
                int cut = random.nextInt(text.length());
                return new Mutation("cut at " + cut, utf8(text.substring(0, cut)));
            }
            case 8 -> {
                int depth = 500 + random.nextInt(3000);
                // Caffe: a layer with a deeply nested field; JSON: a first layer with a deeply nested attribute.
                int line = format == Format.CAFFE ? at : 1;
                lines.add(line, format == Format.CAFFE
                        ? "layer { name: \"deep\" " + "x { ".repeat(depth) + "}".repeat(depth) + " }"
                        : "{\"name\": \"deep\", \"op\": \"identity\", \"x\": " + "[".repeat(depth)
                                + "]".repeat(depth) + "},");
                return text(depth + " levels of nesting at line " + (line + 1), lines);
            }
            default -> {
                byte[] bytes = utf8(text);
                int offset = random.nextInt(bytes.length);
                byte bad = (byte) new int[] {0xFF, 0xC3, 0x80, 0xFE, 0xE2}[random.nextInt(5)];
                bytes[offset] = bad;
                return new Mutation("byte " + offset + " set to " + (bad & 0xFF), bytes);
            }
        }
    }

    private static List<int[]> spans(Matcher m) {
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        return spans;
    }

    private static Mutation text(String what, List<String> lines) {
        return new Mutation(what, utf8(String.join("\n", lines) + "\n"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String caffeText(String file) {
        try (InputStream in = ModelFileMutationTest.class.getResourceAsStream("/caffe/" + file + ".prototxt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jsonText(String file) {
        try {
            ImportedModel m = CaffeImporter.read(file + ".prototxt", file, caffeText(file));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            NetJson.write(m.document(), out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | ModelFileException e) {
            throw new AssertionError(file + " must import", e);
        }
    }
}
