package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SaveCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void savedTweakedNetReopensWithTheSameAnalysis(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("resnext_c64.json");
        CliRun save = CliRun.of("save", "resnext50_32x4d", "--set", "cardinality=64", "--out", file.toString());
        assertEquals(0, save.exitCode(), save.err());
        assertTrue(Files.exists(file));

        JsonNode direct = JSON.readTree(CliRun.of("analyze", "resnext50_32x4d", "--set", "cardinality=64",
                "--format", "json").out());
        CliRun reopened = CliRun.of("analyze", file.toString(), "--format", "json");
        assertEquals(0, reopened.exitCode(), reopened.err());
        JsonNode fromFile = JSON.readTree(reopened.out());
        assertEquals(direct.get("totals"), fromFile.get("totals"));
        assertEquals(direct.get("layers"), fromFile.get("layers"));
        assertEquals(direct.get("knobs"), fromFile.get("knobs"));
        assertEquals("resnet", fromFile.get("family").asText());
    }

    @Test
    void knobsCannotBeSetOnAModelFile(@TempDir Path dir) {
        Path file = dir.resolve("r18.json");
        assertEquals(0, CliRun.of("save", "resnet18", "--out", file.toString()).exitCode());
        CliRun run = CliRun.of("analyze", file.toString(), "--set", "depth=34");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is a model file"), run.err());
    }

    @Test
    void savingOverAFolderIsRefusedAndLeavesItAlone(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("models"));
        CliRun run = CliRun.of("save", "resnet18", "--out", folder.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is a folder"), run.err());
        assertTrue(Files.isDirectory(folder));
    }
}
