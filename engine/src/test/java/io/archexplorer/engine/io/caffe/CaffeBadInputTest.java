package io.archexplorer.engine.io.caffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.ModelFileReading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and careless prototxt files found by the command-line probe of issue 16: each gets one located line. */
class CaffeBadInputTest {
    private static final String INPUT = "input: \"data\"\ninput_dim: 1\ninput_dim: 3\ninput_dim: 224\ninput_dim: 224\n";

    private static String error(String text) {
        return assertThrows(ModelFileException.class, () -> CaffeImporter.read("net.prototxt", "net", text))
                .getMessage();
    }

    private static String conv(String name, String bottom, String param) {
        return "layer { name: \"" + name + "\" type: \"Convolution\" bottom: \"" + bottom + "\" top: \"" + name
                + "\" convolution_param { " + param + " } }\n";
    }

    @Test
    void deepNestingIsRefusedAtTheLevelPastTheLimitWithoutOverflowingTheStack() {
        String deep = "layer { " + "x { ".repeat(5000) + "}".repeat(5001);
        String message = error(deep);
        assertEquals("net.prototxt:1:" + (nthBrace(deep, 1001) + 1) + ": messages nested deeper than 1000 levels",
                message);
    }

    private static int nthBrace(String text, int n) {
        int at = -1;
        for (int k = 0; k < n; k++) {
            at = text.indexOf('{', at + 1);
        }
        return at;
    }

    @Test
    void nestingAtTheLimitIsStillRead() {
        String atLimit = INPUT + "extra " + "x { ".repeat(999) + "}".repeat(1000);
        assertThrows(ModelFileException.class, () -> CaffeImporter.read("net.prototxt", "net", atLimit + "}"));
        // A message 1000 levels deep is no error by itself: without the stray '}' the file has no layer problem.
        assertTrue(error(atLimit + " oops").startsWith("net.prototxt:"));
    }

    @Test
    void aDilationThatOverflowsIntArithmeticIsRefusedAtItsLayer() {
        // 429,496,730 · (3 − 1) + 1 wraps to a small positive span in 32 bits, giving a plausible 112×112 output.
        String message = error(INPUT + conv("conv1", "data", "num_output: 64 kernel_size: 3 stride: 2 pad: 1"
                + " dilation: 429496730"));
        assertTrue(message.startsWith("net.prototxt:6:1: layer 'conv1': output size "), message);
    }

    @Test
    void aNonFiniteNumberIsRefusedAtImport() {
        String layer = "layer { name: \"bn\" type: \"BatchNorm\" bottom: \"data\" top: \"bn\""
                + " batch_norm_param { eps: 1e309 } }\n";
        assertEquals("net.prototxt:6:" + (layer.indexOf("eps") + 1) + ": expected a finite number for 'eps', got"
                + " '1e309'", error(INPUT + layer));
    }

    @Test
    void aLayerDefinedTwiceIsRefusedRatherThanRenamed() {
        String message = error(INPUT + conv("conv1", "data", "num_output: 8 kernel_size: 3")
                + conv("conv1", "conv1", "num_output: 8 kernel_size: 3"));
        assertEquals("net.prototxt:7:1: layer 'conv1' is defined twice (first at line 6:1)", message);
    }

    @Test
    void aSingularFieldGivenTwiceIsRefused() {
        String message = error(INPUT + conv("conv1", "data", "num_output: 96 num_output: 48 kernel_size: 3"));
        assertTrue(message.matches("net\\.prototxt:6:\\d+: 'num_output' is given twice \\(first at line 6:\\d+\\);"
                + " it takes one value"), message);
    }

    @Test
    void aNegativeDeclaredBatchIsRefused() {
        String message = error("input: \"data\"\ninput_dim: -227\ninput_dim: 3\ninput_dim: 224\ninput_dim: 224\n");
        assertEquals("net.prototxt:1:1: the declared batch must be ≥ 1, got -227", message);
    }

    @Test
    void aByteThatIsNotUtf8IsReportedAtItsLineAndColumn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("net.prototxt");
        byte[] text = (INPUT + "layer { name: \"x").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 1];
        System.arraycopy(text, 0, bytes, 0, text.length);
        bytes[text.length] = (byte) 0xFF;
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> CaffeImporter.read(file));
        // Line 6 holds 'layer { name: "x' (16 characters), so the bad byte is the 17th.
        assertEquals(file + ":6:17: byte 0xFF (offset " + text.length + ") is not UTF-8; model files are UTF-8 text",
                e.getMessage());
    }

    @Test
    void anEndlessFileIsRefusedAtTheSizeLimit() {
        Path zero = Path.of("/dev/zero");
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> ModelFileReading.readText(zero, "Caffe prototxt"));
        assertEquals("/dev/zero: larger than 64 MiB, the limit for a Caffe prototxt (is it a model file?)",
                e.getMessage());
    }

    @Test
    void aDirectoryAndAnUnreadableFileSayWhy(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("x.prototxt"));
        assertEquals(folder + ": is a directory, not a model file",
                assertThrows(ModelFileException.class, () -> CaffeImporter.read(folder)).getMessage());
        Path locked = Files.writeString(dir.resolve("locked.prototxt"), INPUT);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(locked)) { // root reads any file; the message is then not reachable
            assertEquals(locked + ": permission denied",
                    assertThrows(ModelFileException.class, () -> CaffeImporter.read(locked)).getMessage());
        }
    }
}
