package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands open .onnx files like presets: a preset exported by {@code export} analyzes, runs (with the file's
 * weights, so the seed no longer matters), benchmarks and draws like the preset; a damaged file is one line on
 * stderr and exit code 2.
 */
class OnnxFileCommandsTest {
    private static Path exported(Path dir) {
        Path file = dir.resolve("r18.onnx");
        CliRun export = CliRun.of("export", "resnet18", "--set", "resolution=64", "--onnx", file.toString());
        assertEquals(0, export.exitCode(), export.err());
        return file;
    }

    @Test
    void analyzeGivesThePresetsFigures(@TempDir Path dir) throws Exception {
        Path file = exported(dir);
        CliRun run = CliRun.of("analyze", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("resnet18 — onnx (declared_batch=1, opset=14, producer=architecture-explorer)"
                + "\ninput 1×3×64×64"), run.out());

        ObjectMapper json = new ObjectMapper();
        String fromFile = json.readTree(CliRun.of("analyze", file.toString(), "--format", "json").out())
                .get("totals").toString();
        String fromPreset = json.readTree(CliRun.of("analyze", "resnet18", "--set", "resolution=64", "--format",
                "json").out()).get("totals").toString();
        assertEquals(fromPreset, fromFile);
    }

    @Test
    void runUsesTheFilesWeights(@TempDir Path dir) throws Exception {
        Path file = exported(dir);
        Path input = dir.resolve("in.f32");
        ByteBuffer values = ByteBuffer.allocate(4 * 3 * 64 * 64).order(ByteOrder.LITTLE_ENDIAN);
        Random random = new Random(1);
        while (values.hasRemaining()) {
            values.putFloat((float) random.nextGaussian());
        }
        Files.write(input, values.array());
        Path fromPreset = dir.resolve("preset.f32");
        Path fromFile = dir.resolve("file.f32");

        CliRun preset = CliRun.of("run", "resnet18", "--set", "resolution=64", "--input", input.toString(),
                "--output", fromPreset.toString());
        CliRun onnx = CliRun.of("run", file.toString(), "--input", input.toString(), "--output",
                fromFile.toString(), "--seed", "7");

        assertEquals(0, onnx.exitCode(), onnx.err());
        assertTrue(onnx.out().endsWith("(the file's weights)\n"), onnx.out());
        assertTrue(preset.out().endsWith("(weights from seed 42)\n"), preset.out());
        assertArrayEquals(Files.readAllBytes(fromPreset), Files.readAllBytes(fromFile),
                "the file holds the weights of seed 42; --seed does not change them");
    }

    @Test
    void benchAndRenderTakeTheFile(@TempDir Path dir) throws Exception {
        Path file = exported(dir);
        CliRun bench = CliRun.of("bench", file.toString(), "--threads", "1", "--runs", "1", "--warmup", "0",
                "--batch", "2", "--format", "json");
        assertEquals(0, bench.exitCode(), bench.err());
        assertEquals(2, new ObjectMapper().readTree(bench.out()).get("batch").asInt());

        Path svg = dir.resolve("r18.svg");
        CliRun render = CliRun.of("render", file.toString(), "--out", svg.toString());
        assertEquals(0, render.exitCode(), render.err());
        assertTrue(Files.readString(svg).contains("layer1.0"), "blocks come back from the layer names");
    }

    @Test
    void aDamagedFileIsOneLineAndExitCode2(@TempDir Path dir) throws Exception {
        Path file = exported(dir);
        byte[] bytes = Files.readAllBytes(file);
        Path damaged = dir.resolve("damaged.onnx");
        Files.write(damaged, Arrays.copyOf(bytes, bytes.length / 3));

        CliRun run = CliRun.of("analyze", damaged.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().matches("explorer analyze: \\Q" + damaged + "\\E: byte \\d+: expected [^\\n]+\\n"),
                run.err());
    }
}
