package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import org.junit.jupiter.api.Test;

class ListCommandTest {

    @Test
    void jsonListsEveryFamilyKnobAndPreset() throws Exception {
        CliRun run = CliRun.of("list", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode families = new ObjectMapper().readTree(run.out()).get("families");
        Catalog catalog = Catalog.standard();
        assertEquals(catalog.families().size(), families.size());
        for (int i = 0; i < families.size(); i++) {
            Family f = catalog.families().get(i);
            JsonNode json = families.get(i);
            assertEquals(f.name(), json.get("name").asText());
            assertEquals(f.knobs().size(), json.get("knobs").size());
            assertEquals(f.presets().size(), json.get("presets").size());
            boolean hasResolution = false;
            for (JsonNode k : json.get("knobs")) {
                assertTrue(k.has("default") && k.has("allowed") && k.has("description"), k.toString());
                hasResolution |= k.get("name").asText().equals("resolution");
            }
            assertTrue(hasResolution, f.name() + " accepts resolution");
        }
    }

    @Test
    void tableNamesEveryPreset() {
        CliRun run = CliRun.of("list");
        assertEquals(0, run.exitCode(), run.err());
        for (Preset p : Catalog.standard().presets()) {
            assertTrue(run.out().contains(p.name()), p.name());
        }
    }
}
