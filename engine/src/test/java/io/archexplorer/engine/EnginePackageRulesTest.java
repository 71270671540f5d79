package io.archexplorer.engine;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Architecture rule: the engine's packages depend on each other only along the arrows of {@link #ALLOWED}, so the
 * graph stays free of concrete ops, the model files free of the runtime, and the numeric kernels free of everything.
 * A dependency is any mention of another engine package: an import, a static import, a qualified name in code or in
 * a Javadoc link. The one cycle is deliberate: {@code io.ModelFiles} dispatches to the Caffe and ONNX importers, which
 * build on {@code io}'s file types.
 */
class EnginePackageRulesTest {
    private static final String ENGINE = "io.archexplorer.engine";

    /** Which packages each package may use (besides itself), by name below {@value #ENGINE}. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            entry("graph", Set.of()),
            entry("ops", Set.of("graph")),
            entry("analysis", Set.of("graph", "ops")),
            entry("memory", Set.of("graph")),
            entry("weights", Set.of("graph", "ops", "memory")),
            entry("runtime.kernels", Set.of()),
            entry("runtime.steps", Set.of("graph", "ops", "weights", "runtime.kernels")),
            entry("runtime", Set.of("graph", "ops", "memory", "weights", "runtime.kernels", "runtime.steps")),
            entry("io", Set.of("graph", "ops", "weights", "io.caffe", "io.onnx")),
            entry("io.caffe", Set.of("graph", "ops", "weights", "io")),
            entry("io.onnx", Set.of("graph", "ops", "weights", "io")));

    private static final Pattern PACKAGE = Pattern.compile("^package " + Pattern.quote(ENGINE) + "\\.([\\w.]+);",
            Pattern.MULTILINE);
    /** An engine name: its package (the lower-case segments, as Java names them), then the class if one is named. */
    private static final Pattern ENGINE_NAME = Pattern.compile("\\b" + Pattern.quote(ENGINE)
            + "((?:\\.[a-z]\\w*)+)(?:\\.[A-Z]\\w*)?");

    static boolean allowed(String from, String to) {
        return from.equals(to) || ALLOWED.getOrDefault(from, Set.of()).contains(to);
    }

    /** Each use in {@code source} of an engine package its own package may not use, as "from → to (name)". */
    static List<String> violations(String source) {
        Matcher declared = PACKAGE.matcher(source);
        if (!declared.find()) {
            throw new IllegalArgumentException("no engine package declaration in:\n" + source);
        }
        String from = declared.group(1);
        Matcher used = ENGINE_NAME.matcher(source.substring(declared.end()));
        Set<String> violations = new TreeSet<>();
        while (used.find()) {
            String to = used.group(1).substring(1);
            if (!allowed(from, to)) {
                violations.add(from + " → " + to + " (" + used.group() + ")");
            }
        }
        return List.copyOf(violations);
    }

    /** The engine's main sources, found from this class's compiled location (the module's target/test-classes). */
    private static List<Path> sourceFiles() throws IOException, URISyntaxException {
        Path testClasses = Path.of(EnginePackageRulesTest.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path engine = testClasses.getParent().getParent().resolve("src/main/java").resolve(ENGINE.replace('.', '/'));
        try (Stream<Path> files = Files.walk(engine)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void enginePackagesDependOnlyAlongTheAllowedArrows() throws IOException, URISyntaxException {
        List<Path> files = sourceFiles();
        assertTrue(files.size() > 50, "expected the engine's sources, found " + files.size());
        List<String> violations = files.stream()
                .flatMap(f -> violations(read(f)).stream().map(v -> f.getFileName() + ": " + v))
                .toList();
        assertEquals(List.of(), violations);
    }

    /** A new package joins the table on purpose, with the arrows it may use. */
    @Test
    void everyEnginePackageHasARow() throws IOException, URISyntaxException {
        Set<String> packages = new TreeSet<>();
        for (Path f : sourceFiles()) {
            Matcher declared = PACKAGE.matcher(read(f));
            assertTrue(declared.find(), f + " declares no engine package");
            packages.add(declared.group(1));
        }
        assertEquals(new TreeSet<>(ALLOWED.keySet()), packages);
    }

    @ParameterizedTest
    @ValueSource(strings = {"import io.archexplorer.engine.ops.Input;",
        "import static io.archexplorer.engine.ops.Activation.relu;", "import io.archexplorer.engine.ops.*;",
        "    boolean input = op instanceof io.archexplorer.engine.ops.Input;",
        " * {@link io.archexplorer.engine.ops.Opaque}"})
    void theRuleRejectsAGraphThatUsesOps(String line) {
        String source = "package io.archexplorer.engine.graph;\n\n" + line + "\n";
        assertEquals(1, violations(source).size(), source);
        assertTrue(violations(source).get(0).startsWith("graph → ops"), violations(source).get(0));
    }

    @ParameterizedTest
    @CsvSource({"graph, ops", "ops, analysis", "analysis, runtime", "weights, runtime", "memory, weights",
        "io, runtime", "io.onnx, runtime", "io.caffe, runtime.steps", "runtime, io", "runtime, analysis",
        "runtime.kernels, runtime.steps", "runtime.kernels, graph", "runtime.steps, runtime", "unlisted, graph"})
    void theRuleRejectsArrowsAgainstTheLayers(String from, String to) {
        assertFalse(allowed(from, to));
    }

    @ParameterizedTest
    @CsvSource({"ops, graph", "analysis, ops", "weights, memory", "runtime, weights", "runtime, runtime.kernels",
        "runtime.steps, runtime.kernels", "io.onnx, weights", "io.onnx, io", "io, io.onnx", "graph, graph"})
    void theRuleAcceptsTheTablesArrows(String from, String to) {
        assertTrue(allowed(from, to));
    }
}
