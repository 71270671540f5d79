package io.archexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Architecture rule: the engine is pure Java. Its sources may import the JDK (but not its GUI toolkits), the engine
 * itself and Jackson, nothing else: no JavaFX, no AWT or Swing, no math library.
 */
class EngineDependencyRuleTest {
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> ALLOWED =
            List.of("java.", "jdk.", "io.archexplorer.engine.", "com.fasterxml.jackson.");
    private static final List<String> FORBIDDEN = List.of("java.awt.", "javafx.", "javax.swing.");

    static boolean allowed(String imported) {
        return ALLOWED.stream().anyMatch(imported::startsWith) && FORBIDDEN.stream().noneMatch(imported::startsWith);
    }

    /** The engine's main sources, whether tests run in the module directory (Maven) or the repository root. */
    private static Path mainSources() {
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return Stream.of(base.resolve("src/main/java"), base.resolve("engine/src/main/java"))
                .filter(p -> Files.isDirectory(p.resolve("io/archexplorer/engine")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("engine sources not found from " + base));
    }

    /** A fully qualified name in code (not only in an import) is a dependency too, e.g. {@code new java.awt.Color}. */
    private static final Pattern QUALIFIED_GUI = Pattern.compile("\\b(java\\.awt|javafx|javax\\.swing)\\.\\w");

    private static Stream<String> violations(Path sources, Path file) {
        try {
            String text = Files.readString(file);
            Stream<String> imports = IMPORT.matcher(text).results().map(r -> r.group(1)).filter(i -> !allowed(i))
                    .map(i -> sources.relativize(file) + " imports " + i);
            Stream<String> qualified = QUALIFIED_GUI.matcher(text).results()
                    .map(r -> sources.relativize(file) + " uses " + r.group(1));
            return Stream.concat(imports, qualified).distinct();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void engineImportsOnlyTheJdkAndJackson() throws IOException {
        Path sources = mainSources();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() > 20, "expected the engine's sources under " + sources + ", found " + files.size());
        assertEquals(List.of(), files.stream().flatMap(f -> violations(sources, f)).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"javafx.scene.Node", "java.awt.Color", "javax.swing.JPanel",
        "org.apache.commons.math3.linear.RealMatrix", "org.nd4j.linalg.api.ndarray.INDArray", "javax.inject.Inject"})
    void ruleRejectsGuiToolkitsAndThirdPartyLibraries(String imported) {
        assertFalse(allowed(imported));
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.util.List", "jdk.incubator.vector.FloatVector",
        "com.fasterxml.jackson.databind.ObjectMapper", "io.archexplorer.engine.graph.Shape"})
    void ruleAcceptsTheJdkTheEngineAndJackson(String imported) {
        assertTrue(allowed(imported));
    }
}
