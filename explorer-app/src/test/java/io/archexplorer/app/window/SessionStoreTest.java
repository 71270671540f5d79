package io.archexplorer.app.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.app.study.Figures;
import io.archexplorer.app.study.LabRecord;
import io.archexplorer.app.study.Pin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionStoreTest {

    private static Session sample() {
        Pin measured = new Pin("resnext50_32x4d", "depth=50, C=64, d=4, ρ=224",
                new Figures(45_190_000, 7_980_000_000L, 185_240_000, 67_140_000, 190_000_000, 61.5, 16.3), 2, 1);
        Pin unmeasured = new Pin("resnet50", "depth=50, C=1, d=64, ρ=224",
                new Figures(25_557_032, 4_089_184_256L, 1, 2, -1, Double.NaN, Double.NaN), 2, 1);
        return new Session("resnext50_32x4d", null, Map.of("cardinality", "64"), Set.of("layer1.0"),
                List.of(measured, unmeasured), 1, "TIME", 1, 4, false, true, true, List.of("/tmp/a.prototxt"),
                10, 20, 1400, 900, false, List.of(0.2, 0.76, 0.38, 0.62), List.of(new LabRecord("g2",
                        Map.of("groups", "1", "device", "arm", "scale", "1"), 2, "2026-12-06T21:40:00Z", "laptop",
                        List.of(new LabRecord.RowRecord("g=1", 1.5, 1.4, 1.6, 1.3, 2.0, 40, 12)))));
    }

    @Test
    void aSessionComesBackAsItWasSaved(@TempDir Path dir) throws Exception {
        SessionStore store = new SessionStore(dir.resolve("config/archexplorer/session.json"));
        store.save(sample());
        List<String> problems = new ArrayList<>();
        Optional<Session> back = store.load(problems::add);
        assertEquals(Optional.of(sample()), back, "NaN latencies of unmeasured pins included");
        assertTrue(problems.isEmpty());
    }

    @Test
    void aDamagedFileIsIgnoredWithOneLineNotACrash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.json");
        Files.writeString(file, "{\"model\": \"resnet50\", \"pins\": [", StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        assertEquals(Optional.empty(), new SessionStore(file).load(problems::add));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains(file.toString()), problems.get(0));
    }

    @Test
    void aFirstStartHasNoSessionAndNoComplaint(@TempDir Path dir) {
        List<String> problems = new ArrayList<>();
        assertEquals(Optional.empty(), new SessionStore(dir.resolve("none.json")).load(problems::add));
        assertTrue(problems.isEmpty());
    }
}
