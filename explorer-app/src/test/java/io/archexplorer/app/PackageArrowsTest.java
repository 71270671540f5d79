package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Architecture rules (as JabRef checks its own): which project package may import which, for the app, the samples and
 * the layouts. The window and the command line are clients of the study layer, which knows neither; reports know
 * no command; the samples and the layouts never reach up. (The engine's own arrows: {@code EnginePackageRulesTest}.)
 */
class PackageArrowsTest {
        private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?io\\.archexplorer\\.([\\w.]+)",
            Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+io\\.archexplorer\\.([\\w.]+);",
            Pattern.MULTILINE);

    /** Package → the project packages it may import; a package may always import itself, and {@code x.*} stands for
     *  {@code x} and every package under it. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("app", Set.of("app.cli", "app.study", "app.window", "samples")),
            Map.entry("app.cli", Set.of("app.study", "app.report", "app.diagram", "engine.*", "samples.*", "layouts")),
            Map.entry("app.report", Set.of("app.study", "engine.*", "samples.*")),
            Map.entry("app.diagram", Set.of("app.report", "engine.*", "layouts")),
            Map.entry("app.study", Set.of("engine.*", "samples.*")),
            Map.entry("app.window", Set.of("app.study", "app.diagram", "app.report", "engine.*", "samples.*",
                    "layouts")),
            Map.entry("samples", Set.of("samples.families", "samples.blocks", "samples.knobs", "engine.*")),
            Map.entry("samples.families", Set.of("samples", "samples.blocks", "samples.knobs", "engine.*")),
            Map.entry("samples.blocks", Set.of("samples.knobs", "engine.*")),
            Map.entry("samples.labs", Set.of("samples", "samples.knobs", "engine.*")),
            Map.entry("samples.knobs", Set.of()),
            Map.entry("layouts", Set.of()));

    /** Whether {@code from} may import {@code to} (both without the {@code io.archexplorer.} prefix). */
    static boolean allowed(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        Set<String> targets = ALLOWED.get(from);
        if (targets == null) {
            throw new AssertionError("no rule for package " + from + ": add it to PackageArrowsTest.ALLOWED");
        }
        return targets.stream().anyMatch(t -> t.endsWith(".*")
                ? to.equals(t.substring(0, t.length() - 2)) || to.startsWith(t.substring(0, t.length() - 1))
                : to.equals(t));
    }

    private static Path repository() {
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return Stream.of(base, base.getParent())
                .filter(p -> p != null && Files.isDirectory(p.resolve("samples/src/main/java")))
                .findFirst().orElseThrow(() -> new AssertionError("repository not found from " + base));
    }

    private static Stream<String> violations(Path file) {
        try {
            String text = Files.readString(file);
            var pkg = PACKAGE.matcher(text);
            if (!pkg.find()) {
                return Stream.of(file + " has no project package");
            }
            String from = pkg.group(1);
            return IMPORT.matcher(text).results().map(r -> packageOf(r.group(1))).distinct()
                    .filter(to -> !allowed(from, to)).map(to -> file.getFileName() + " (" + from + ") imports " + to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code app.study.Variant} → {@code app.study}: classes start with a capital. */
    private static String packageOf(String imported) {
        String[] parts = imported.split("\\.");
        StringBuilder pkg = new StringBuilder();
        for (String p : parts) {
            if (Character.isUpperCase(p.charAt(0))) {
                break;
            }
            pkg.append(pkg.length() == 0 ? "" : ".").append(p);
        }
        return pkg.toString();
    }

    @Test
    void everyImportFollowsAnAllowedArrow() throws IOException {
        Path root = repository();
        List<Path> files;
        try (Stream<Path> walk = Stream.of("explorer-app", "samples", "layouts")
                .map(m -> root.resolve(m).resolve("src/main/java")).flatMap(PackageArrowsTest::walk)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(files.size() > 100, "the rule saw the sources: " + files.size());
        assertEquals(List.of(), files.stream().flatMap(PackageArrowsTest::violations).toList());
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({"app.study, app.window", "app.study, app.cli", "app.report, app.cli", "app.cli, app.window",
        "samples, app.study", "layouts, engine.graph", "samples.knobs, samples.families", "app.diagram, app.study"})
    void brokenArrowsAreRejected(String from, String to) {
        assertFalse(allowed(from, to));
    }

    @ParameterizedTest
    @CsvSource({"app.window, app.study", "app.cli, app.study", "app.study, engine.runtime", "app.study, samples",
        "samples.families, samples.blocks", "app.report, app.study"})
    void intendedArrowsAreAccepted(String from, String to) {
        assertTrue(allowed(from, to));
    }
}
