package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands open Caffe .prototxt files like presets; a net with an opaque layer is analyzed but not run. */
class CaffeFileCommandsTest {
    private static final String OPAQUE_NET = """
            name: "odd"
            input: "data"
            input_shape { dim: 4 dim: 3 dim: 16 dim: 16 }
            layer { name: "conv" type: "Convolution" bottom: "data" top: "conv"
                    convolution_param { num_output: 8 kernel_size: 3 } }
            layer { name: "mystery" type: "FancyNorm" bottom: "conv" top: "conv" }
            layer { name: "relu" type: "ReLU" bottom: "conv" top: "conv" }
            """;

    private static Path squeezenet(Path dir) throws IOException {
        Path file = dir.resolve("squeezenet_v1.1.prototxt");
        try (InputStream in = CaffeFileCommandsTest.class.getResourceAsStream("/caffe/squeezenet_v1.1.prototxt")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void analyzeGivesPerImageFiguresAndShowsTheDeclaredBatch(@TempDir Path dir) throws Exception {
        Path file = squeezenet(dir);
        CliRun run = CliRun.of("analyze", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("squeezenet_v1.1 — caffe (declared_batch=10)\ninput 1×3×227×227"),
                run.out());
        assertTrue(run.out().contains("1.24 M params"), run.out());

        JsonNode json = new ObjectMapper().readTree(CliRun.of("analyze", file.toString(), "--format", "json").out());
        assertEquals(1235496, json.get("totals").get("params").asLong());
    }

    @Test
    void opaqueLayersAreWarnedAboutAnalyzedAsUnknownAndRefusedByBench(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("odd.prototxt");
        Files.writeString(file, OPAQUE_NET);

        CliRun analyze = CliRun.of("analyze", file.toString(), "--format", "json");
        assertEquals(0, analyze.exitCode(), analyze.err());
        assertEquals(file + ":6:1: layer 'mystery' (FancyNorm): the engine does not know this type; imported as an"
                + " opaque layer, shapes below it are unknown\n", analyze.err());
        JsonNode json = new ObjectMapper().readTree(analyze.out());
        assertEquals(2, json.get("totals").get("unknown_layers").asInt());
        assertEquals(8 * 3 * 9 + 8, json.get("totals").get("params").asLong());
        assertEquals("?", json.get("layers").get(3).get("output_shape").asText());

        CliRun table = CliRun.of("analyze", file.toString());
        assertTrue(table.out().contains("2 layers have unknown shapes"), table.out());

        CliRun bench = CliRun.of("bench", file.toString(), "--runs", "1", "--warmup", "0");
        assertEquals(2, bench.exitCode());
        assertTrue(bench.err().endsWith("explorer bench: cannot run odd: layer 'mystery' has type FancyNorm, which"
                + " the engine does not know\n"), bench.err());
    }

    /** An imported net saved as a model file reopens with its opaque layer and unknown shapes intact. */
    @Test
    void saveKeepsOpaqueLayersAndCsvPrintsUnknownShapes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("odd.prototxt");
        Files.writeString(file, OPAQUE_NET);
        Path json = dir.resolve("odd.json");
        assertEquals(0, CliRun.of("save", file.toString(), "--out", json.toString()).exitCode());
        CliRun csv = CliRun.of("analyze", json.toString(), "--format", "csv");
        assertEquals(0, csv.exitCode(), csv.err());
        assertTrue(csv.out().contains("mystery,,opaque,FancyNorm,?,0,0,0,0"), csv.out());
        assertTrue(csv.out().contains("relu,,relu,,?,0,0,0,0"), csv.out());
    }

    @Test
    void renderDrawsACaffeFileIncludingItsOpaqueLayer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("odd.prototxt");
        Files.writeString(file, OPAQUE_NET);
        Path svg = dir.resolve("odd.svg");
        CliRun run = CliRun.of("render", file.toString(), "--out", svg.toString(), "--fold", "off");
        assertEquals(0, run.exitCode(), run.err());
        String drawing = Files.readString(svg);
        assertTrue(drawing.contains("mystery") && drawing.contains("FancyNorm"), "the opaque layer is drawn");

        Path bn = dir.resolve("bn.prototxt");
        Files.writeString(bn, """
                input: "data"
                input_shape { dim: 1 dim: 3 dim: 8 dim: 8 }
                layer { name: "conv" type: "Convolution" bottom: "data" top: "conv"
                        convolution_param { num_output: 4 kernel_size: 1 } }
                layer { name: "bn" type: "BatchNorm" bottom: "conv" top: "conv" }
                layer { name: "scale" type: "Scale" bottom: "conv" top: "conv" scale_param { bias_term: true } }
                layer { name: "relu" type: "ReLU" bottom: "conv" top: "conv" }
                """);
        Path bnSvg = dir.resolve("bn.svg");
        assertEquals(0, CliRun.of("render", bn.toString(), "--out", bnSvg.toString()).exitCode());
        assertTrue(Files.readString(bnSvg).contains("+ bn + scale + relu"), "in-place layers fold into the conv");

        Path squeeze = dir.resolve("squeezenet.svg");
        assertEquals(0, CliRun.of("render", squeezenet(dir).toString(), "--out", squeeze.toString()).exitCode());
        assertTrue(Files.readString(squeeze).contains("fire9"));
    }

    @Test
    void benchRunsACaffeNetWithoutOpaqueLayers(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("bench", squeezenet(dir).toString(), "--threads", "1", "--runs", "1", "--warmup", "0",
                "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, new ObjectMapper().readTree(run.out()).get("batch").asInt());
    }
}
