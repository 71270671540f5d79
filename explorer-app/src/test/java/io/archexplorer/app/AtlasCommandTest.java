package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.archexplorer.samples.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explorer atlas} without measuring: every preset with its figures, and the scatter chart. */
class AtlasCommandTest {

    @Test
    void jsonListsEveryPresetAndThePlotHasThem(@TempDir Path dir) throws Exception {
        Path plot = dir.resolve("atlas.svg");
        CliRun run = CliRun.of("atlas", "--format", "json", "--x", "mac", "--plot", plot.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode presets = new ObjectMapper().readTree(run.out()).get("presets");
        assertEquals(Catalog.standard().presets().size(), presets.size());
        JsonNode resnet18 = presets.get(0);
        assertEquals("resnet18", resnet18.get("preset").asText());
        assertEquals(1_814_074_344L, resnet18.get("mult_adds").asLong());
        assertTrue(resnet18.get("latency_ms").isNull());
        String svg = Files.readString(plot);
        assertTrue(svg.contains("resnet18") && svg.contains("shufflenet_v2_x0_5"), "points are labelled");
    }

    @Test
    void atlasTakesNoModel() {
        CliRun run = CliRun.of("atlas", "resnet50");
        assertEquals(2, run.exitCode());
        assertEquals("explorer atlas: atlas takes no model (it shows every preset), got resnet50\n", run.err());
    }
}
