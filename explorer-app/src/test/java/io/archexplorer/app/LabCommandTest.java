package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explorer lab}: the issue's JSON shape, CSV, charts and mistakes. Counts fixed small; nothing is timed. */
class LabCommandTest {
    private static final long HW = 56 * 56;
    private static final String[] QUICK = {"--warmup", "0", "--runs", "3", "--rounds", "1", "--threads", "1"};

    private static CliRun lab(String... args) {
        List<String> all = new ArrayList<>(List.of("lab"));
        all.addAll(List.of(args));
        all.addAll(List.of(QUICK));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void jsonHasTheIssuesShapeWithThePapersRankingAndHandCountedFlops() throws Exception {
        CliRun run = lab("g2", "--set", "device=arm", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals("g2", doc.get("lab").asText());
        assertEquals("{\"device\":\"arm\",\"scale\":1}", doc.get("knobs").toString(), "the knobs all rows share");
        // Table 2, ARM ×1: 40.0 > 35.0 > 32.9 > 27.8 images/s.
        assertEquals("[\"g=1\",\"g=2\",\"g=4\",\"g=8\"]", doc.get("paper_ranking").get("arm").toString());
        JsonNode rows = doc.get("rows");
        assertEquals(4, rows.size());
        long[] widths = {64, 90, 128, 184};
        long[] groups = {1, 2, 4, 8};
        for (int i = 0; i < 4; i++) {
            JsonNode r = rows.get(i);
            assertEquals("g2", r.get("lab").asText());
            assertEquals("g=" + groups[i], r.get("variant").asText());
            assertEquals(10 * HW * widths[i] * widths[i] / groups[i], r.get("mult_adds").asLong());
            assertEquals(10 * widths[i] * widths[i] / groups[i], r.get("params").asLong());
            assertEquals(r.get("mac").asLong(), r.get("mac_closed_form").asLong());
            JsonNode latency = r.get("latency_ms");
            assertTrue(latency.get("q1").asDouble() <= latency.get("median").asDouble()
                    && latency.get("median").asDouble() <= latency.get("q3").asDouble(), latency.toString());
            assertEquals(1, r.get("threads").asInt());
            assertEquals(3, r.get("runs").asInt());
        }
        assertEquals(1.0, rows.get(0).get("speed_vs_first").asDouble(), 1e-12);
        assertEquals(27.8, rows.get(3).get("paper_arm").asDouble(), 1e-12);
        assertEquals(4, doc.get("measured_ranking").get("1").size());
    }

    @Test
    void allGivesOneObjectPerLabAndCsvOneRowPerVariant(@TempDir Path dir) throws Exception {
        Path plot = dir.resolve("labs.svg");
        CliRun run = lab("all", "--set", "device=arm", "--format", "csv", "--plot", plot.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).startsWith("lab,variant,threads,params,mult_adds,mac,"), lines.get(0));
        assertEquals(1 + 4 + 4 + 5 + 4, lines.size());
        assertTrue(lines.get(1).startsWith("g1,1:1,1,"), lines.get(1));
        String svg = Files.readString(plot);
        assertTrue(svg.contains("G1: equal channel width") && svg.contains("G4: element-wise")
                && svg.contains("4-fragment-parallel"), "one chart per lab");
    }

    @Test
    void tableShowsTheRankingsAndTheNoiseMark() {
        CliRun run = lab("g4");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("ranking here, fastest first:"), run.out());
        assertTrue(run.out().contains("paper GPU (GTX 1080Ti, ×1):       ReLU no, shortcut no > ReLU no, shortcut yes"
                + " > ReLU yes, shortcut no > ReLU yes, shortcut yes"), run.out());
        assertTrue(run.out().contains("within noise of the first row"), run.out());
    }

    @Test
    void mistakesAreOneLineWithExitCode2() {
        CliRun unknown = lab("g5");
        assertEquals(2, unknown.exitCode());
        assertEquals("explorer lab: unknown lab 'g5' (labs: g1, g2, g3, g4, all)\n", unknown.err());
        CliRun knob = lab("g4", "--set", "device=arm");
        assertEquals(2, knob.exitCode());
        assertTrue(knob.err().startsWith("explorer lab: lab g4: knob 'device': unknown knob"), knob.err());
        CliRun value = lab("g1", "--set", "scale=3");
        assertEquals(2, value.exitCode());
        assertTrue(value.err().contains("'3' is not one of 1|2|4"), value.err());
    }
}
