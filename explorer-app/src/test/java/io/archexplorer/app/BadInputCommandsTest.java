package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.samples.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16's command-line findings: each is now exit code 2 and one line that names the culprit. */
class BadInputCommandsTest {
    private static final String OPAQUE = "input: \"data\"\ninput_dim: 1\ninput_dim: 3\ninput_dim: 32\ninput_dim: 32\n"
            + "layer { name: \"conv1\" type: \"Convolution\" bottom: \"data\" top: \"conv1\""
            + " convolution_param { num_output: 8 kernel_size: 3 } }\n"
            + "layer { name: \"weird\" type: \"Weird\" bottom: \"conv1\" top: \"weird\" }\n";

    private static void assertRefusedInOneLine(CliRun run, String expectedLastLine) {
        assertEquals(2, run.exitCode(), run.err());
        String[] lines = run.err().strip().split("\n");
        assertEquals(expectedLastLine, lines[lines.length - 1]);
        assertFalse(run.err().contains("internal error") || run.err().contains("Exception"), run.err());
    }

    @Test
    void exportingACaffeNetWithAnOpaqueLayerNamesTheLayer(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("opaque.prototxt"), OPAQUE);
        Path onnx = dir.resolve("out.onnx");
        assertRefusedInOneLine(CliRun.of("export", file.toString(), "--onnx", onnx.toString()),
                "explorer export: cannot export opaque: layer 'weird' has type Weird, which the engine does not know");
        assertTrue(Files.notExists(onnx));
    }

    @Test
    void savingOverAReadOnlyFileIsRefusedAndTheFileKept(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("kept.json"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        assertRefusedInOneLine(CliRun.of("save", "resnet18", "--out", file.toString()),
                "explorer save: cannot write " + file + ": is read-only; not overwritten");
        assertEquals("old", Files.readString(file));
    }

    @Test
    void knobNumbersHaveOneSpellingInEveryFamily() {
        // resnet's depth is a choice and vgg's too; both refuse 50.0 / 16.0 and +5-style spellings alike.
        assertRefusedInOneLine(CliRun.of("analyze", "resnet", "--set", "depth=50.0"),
                "explorer analyze: knob 'depth': '50.0' is not one of " + allowed("resnet", "depth"));
        assertRefusedInOneLine(CliRun.of("analyze", "vgg", "--set", "depth=16.0"),
                "explorer analyze: knob 'depth': '16.0' is not one of " + allowed("vgg", "depth"));
        assertRefusedInOneLine(CliRun.of("analyze", "resnet", "--set", "resolution=+224"),
                "explorer analyze: knob 'resolution': '+224' is not a whole number (allowed: "
                        + allowed("resnet", "resolution") + ")");
    }

    /** The knob's own statement of what it takes, so the test follows a family whose choices grow. */
    private static String allowed(String family, String knob) {
        return Catalog.standard().family(family).orElseThrow().knobs().stream()
                .filter(k -> k.name().equals(knob)).findFirst().orElseThrow().allowedText();
    }
}
