package io.archexplorer.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Model files that Jackson used to accept silently or to describe in its own terms (issue 16). */
class NetJsonBadInputTest {
    private static final String HEAD = "{\"format\": \"architecture-explorer-net\", \"version\": 1, \"name\": \"n\",\n";
    private static final String LAYERS = "\"layers\": [\n"
            + "{\"name\": \"input\", \"op\": \"input\", \"batch\": 1, \"channels\": 3, \"height\": 8, \"width\": 8}\n"
            + "]}";

    private static String error(String text) {
        return assertThrows(ModelFileException.class, () -> NetJson.read("m.json", new StringReader(text)))
                .getMessage();
    }

    @Test
    void theWellFormedFileReads() throws ModelFileException {
        assertEquals(1, NetJson.read("m.json", new StringReader(HEAD + LAYERS)).net().layers().size());
    }

    @Test
    void trailingGarbageAndASecondDocumentAreRefused() {
        assertEquals("m.json:5:1: unexpected content after the model's closing '}'", error(HEAD + LAYERS + "\nx"));
        assertEquals("m.json:5:1: unexpected content after the model's closing '}'",
                error(HEAD + LAYERS + "\n" + HEAD + LAYERS));
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        String message = error(HEAD + "\"name\": \"m\", " + LAYERS);
        assertTrue(message.matches("m\\.json:2:\\d+: key 'name' is given twice"), message);
        String inLayer = error(HEAD + "\"layers\": [\n{\"name\": \"input\", \"op\": \"input\", \"batch\": 1,"
                + " \"channels\": 3, \"channels\": 4, \"height\": 8, \"width\": 8}]}");
        assertTrue(inLayer.matches("m\\.json:3:\\d+: key 'channels' is given twice"), inLayer);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1.9", "\"1\"", "1e0", "true"})
    void aVersionThatIsNotTheWholeNumberOneIsRefused(String version) {
        String text = HEAD.replace("\"version\": 1", "\"version\": " + version) + LAYERS;
        assertEquals("m.json:1:41: unsupported version " + version.replace("\"", "") + " (this tool reads 1)",
                error(text));
    }

    @Test
    void nonNumericNumbersAreDescribedWithoutJacksonsSettings() {
        String text = HEAD + "\"layers\": [\n{\"name\": \"input\", \"op\": \"input\", \"batch\": 1, \"channels\": 3,"
                + " \"height\": NaN, \"width\": 8}]}";
        String message = error(text);
        assertTrue(message.matches("m\\.json:3:\\d+: 'NaN' is not a JSON number \\(write a finite decimal number\\)"),
                message);
    }

    @Test
    void infinityAsTextIsRefusedByTheLayer() {
        String text = HEAD + "\"layers\": [\n"
                + "{\"name\": \"input\", \"op\": \"input\", \"batch\": 1, \"channels\": 3, \"height\": 8, \"width\": 8},\n"
                + "{\"name\": \"bn\", \"op\": \"batchnorm\", \"inputs\": [\"input\"], \"eps\": \"Infinity\"}]}";
        String message = error(text);
        assertTrue(message.startsWith("m.json:4:1: layer 'bn': "), message);
    }

    @Test
    void deepNestingIsDescribedWithoutJacksonsSettings() {
        String message = error(HEAD + "\"knobs\": {\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}, " + LAYERS);
        assertTrue(message.matches("m\\.json:2:\\d+: nested deeper than \\d+ levels"), message);
    }

    @Test
    void noMessageNamesAJavaClassOrJacksonsSource() {
        for (String broken : new String[] {HEAD + "\"layers\": [", HEAD + "\"layers\": [}", "{\"a\" 1}", "{'a': 1}",
                HEAD + "\"knobs\": 01, " + LAYERS, HEAD + "\"knobs\": [1], " + LAYERS,
                HEAD + "\"knobs\": {\"a\": [}, " + LAYERS, HEAD + "\"knobs\": \"\u0001\", " + LAYERS, "[", ""}) {
            String message = error(broken);
            assertFalse(message.contains("`") || message.contains("Source:") || message.contains("jackson")
                    || message.matches(".*\\b[a-z]+\\.[a-z]+\\.[A-Z]\\w+.*") || message.contains("\n"), message);
            assertTrue(message.matches("m\\.json(:\\d+:\\d+)?: .+"), message);
        }
    }

    @Test
    void aDirectoryNamedLikeAModelSaysSo(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("x.json"));
        assertEquals(folder + ": is a directory, not a model file",
                assertThrows(ModelFileException.class, () -> ModelFiles.read(folder)).getMessage());
    }
}
