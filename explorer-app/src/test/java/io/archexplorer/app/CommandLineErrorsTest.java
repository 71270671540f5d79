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
        "save resnet18 --out /nonexistent-folder/x.json      | cannot write /nonexistent-folder/x.json: /nonexistent-folder: no such folder",
        "analyze resnet18 --threads 2                        | unknown option '--threads' for analyze",
        "analyze resnet18 --format json --format csv         | --format is given twice",
        "analyze resnet50 --set resolution=64 --set resolution=128 | --set resolution is given twice",
        "analyze densenet --set blocks=6,,12                 | knob 'blocks': '6,,12' has an empty entry",
    })
    void mistakeGivesOneLineAndExitCode2(String commandLine, String expected) {
        CliRun run = CliRun.of(commandLine.trim().split("\\s+"));
        assertEquals(2, run.exitCode(), run.out());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    /** DenseNet-121 at 9 px: 9 → 5 (conv0) → 3 (pool0) → 1 (transition1) → 0 at transition2's 2×2 pool. */
    @Test
    void resolutionTooSmallForTheNetNamesTheLayer() {
        CliRun run = CliRun.of("analyze", "densenet121", "--set", "resolution=9");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("layer 'transition2.pool': output size 0×0 from input 1×1"), run.err());
    }

    /** 8 px still works for ResNet-18, as in PyTorch: 8 → 4 (conv1) → 2 (maxpool) → 1 from layer2 on. */
    @Test
    void smallResolutionThatKeepsEveryMapIsAccepted() {
        CliRun run = CliRun.of("analyze", "resnet18", "--set", "resolution=8");
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
