package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every mistake gets one line on stderr naming the culprit, and exit code 2; never a stack trace. */
class CommandLineErrorsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "analyze nosuchnet                                   | unknown model 'nosuchnet'",
        "analyze resnet50 --set widht=2                      | knob 'widht': unknown knob (knobs: depth,",
        "analyze resnet50 --set cardinalty=64                | knob 'cardinalty': unknown knob (did you mean 'cardinality'?",
        "analyze resnet50 --set depth=51                     | knob 'depth': '51' is not one of 18|34|50|101|152",
        "analyze resnet18 --set cardinality=32               | knob 'cardinality': depth 18 uses basic blocks",
        "analyze resnet50 --set cardinality=0                | knob 'cardinality': 0 is out of range 1..256",
        "analyze resnet50 --set cardinality=abc              | knob 'cardinality': 'abc' is not a whole number",
        "analyze resnet50 --set resolution=4                 | knob 'resolution': 4 is out of range",
        "analyze resnet50 --set resolution                   | --set needs KNOB=VALUE",
        "analyze resnet50 --format xml                       | --format must be one of table, json, csv",
        "analyze resnet50 --colour red                       | unknown option '--colour' for analyze",
        "analyze                                             | analyze needs exactly one MODEL",
        "analyze missing.json                                | missing.json: no such file",
        "frobnicate                                          | unknown command 'frobnicate'",
        "save resnet50                                       | save needs --out",
    })
    void mistakeGivesOneLineAndExitCode2(String commandLine, String expected) {
        CliRun run = CliRun.of(commandLine.trim().split("\\s+"));
        assertEquals(2, run.exitCode(), run.out());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void resolutionTooSmallForTheNetNamesTheLayer() {
        CliRun run = CliRun.of("analyze", "resnet50", "--set", "resolution=8", "--set", "depth=18");
        // 8 px: conv1 → 4, maxpool → 2, layer2 → 1, layer3 → 1, layer4 → 1: still valid, as in PyTorch.
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void malformedModelFileGivesFileLineColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"format\": \"architecture-explorer-net\",\n  \"layers\": [\n    {\"name\": \"x\",, }\n]}");
        CliRun run = CliRun.of("analyze", file.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(file + ":3:"), run.err());
    }
}
