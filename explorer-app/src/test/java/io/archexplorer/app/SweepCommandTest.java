package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explorer sweep}: the JSON, CSV, charts and mistakes (measured with tiny fixed counts). */
class SweepCommandTest {

    @Test
    void jsonHasEveryRowWithItsKnobsAndAnErrorForImpossibleValues() throws Exception {
        CliRun run = CliRun.of("sweep", "resnet18", "--knob", "cardinality=1,2", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals("resnet18", doc.get("model").asText());
        assertEquals("cardinality", doc.get("knob").asText());
        assertTrue(doc.get("keep").isNull());
        JsonNode ok = doc.get("rows").get(0);
        assertEquals(1, ok.get("value").asInt());
        assertEquals(18, ok.get("knobs").get("depth").asInt());
        // torchvision's resnet18: 11,689,512 params, 1.81 GFLOPs.
        assertEquals(11_689_512, ok.get("params").asLong());
        assertEquals(1_814_074_344L, ok.get("mult_adds").asLong());
        assertTrue(ok.get("peak_memory_bytes").asLong() > 4 * 11_689_512L);
        assertTrue(ok.get("latency_ms").isNull() && ok.get("error").isNull());
        JsonNode bad = doc.get("rows").get(1);
        assertTrue(bad.get("error").asText().contains("basic blocks"));
    }

    @Test
    void measuredKeptSweepWithCsvAndPlot(@TempDir Path dir) throws Exception {
        Path plot = dir.resolve("sweep.png");
        CliRun run = CliRun.of("sweep", "resnet50", "--set", "resolution=64", "--knob", "cardinality=1,32",
                "--keep", "params", "--measure", "--threads", "1", "--warmup", "0", "--runs", "2", "--rounds", "1",
                "--format", "csv", "--plot", plot.toString());
        assertEquals(0, run.exitCode(), run.err());
        var lines = run.out().lines().toList();
        assertEquals("value,solved,params,mult_adds,mac,activations,peak_memory_bytes,off_target_percent,"
                + "latency_median_ms,latency_q1_ms,latency_q3_ms,error", lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("1,64,25557032,"), lines.get(1));
        String[] cells = lines.get(2).split(",", -1);
        assertTrue(Double.parseDouble(cells[8]) > 0, lines.get(2));
        byte[] png = Files.readAllBytes(plot);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test
    void mistakesAreOneLineWithExitCode2() {
        CliRun noKnob = CliRun.of("sweep", "resnet50");
        assertEquals(2, noKnob.exitCode());
        assertEquals("explorer sweep: sweep needs --knob\n", noKnob.err());
        CliRun unknownKnob = CliRun.of("sweep", "resnet50", "--knob", "widht=1,2");
        assertEquals(2, unknownKnob.exitCode());
        assertTrue(unknownKnob.err().startsWith("explorer sweep: knob 'widht': unknown knob"), unknownKnob.err());
        CliRun keep = CliRun.of("sweep", "resnet50", "--knob", "cardinality=1,2", "--keep", "latency");
        assertEquals(2, keep.exitCode());
        assertEquals("explorer sweep: --keep must be mult_adds or params, got 'latency'\n", keep.err());
    }
}
