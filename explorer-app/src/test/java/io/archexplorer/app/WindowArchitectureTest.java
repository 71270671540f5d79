package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Architecture rules of the app (as JabRef checks its own): only the window package touches JavaFX, and inside it
 * the UI logic lives in toolkit-free view-models (JavaFX properties and collections at most), so it is tested
 * without a screen. The views are listed here: a new class that needs controls joins the list on purpose.
 */
class WindowArchitectureTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Set<String> VIEWS = Set.of("AtlasPane", "BreakdownChart", "ComparePane", "DetailsPanel",
            "ExplorerApp", "ExplorerWindow", "FxCharts", "FxSurface", "GraphView", "KnobEditor", "KnobPanel", "LabsPane",
            "LayerTableView", "ModelPicker", "PointMarker", "RunSettingsBar", "StatsPanel", "StudyControls",
            "SweepPane", "TableStyles", "WindowLauncher");

    private static Path sources() {
        Path base = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return Stream.of(base.resolve("src/main/java/io/archexplorer/app"),
                        base.resolve("explorer-app/src/main/java/io/archexplorer/app"))
                .filter(Files::isDirectory).findFirst().orElseThrow();
    }

    private static List<String> imports(Path file) {
        try {
            return IMPORT.matcher(Files.readString(file)).results().map(r -> r.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean toolkit(String imported) {
        return imported.startsWith("javafx.") || imported.startsWith("org.controlsfx.");
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void onlyTheWindowPackageTouchesJavaFx() throws IOException {
        Path root = sources();
        List<String> violations = javaFiles(root).stream()
                .filter(f -> !root.relativize(f).startsWith("window"))
                .flatMap(f -> imports(f).stream().filter(WindowArchitectureTest::toolkit)
                        .map(i -> root.relativize(f) + " imports " + i))
                .toList();
        assertEquals(List.of(), violations);
    }

    @Test
    void viewModelsUseNoControls() throws IOException {
        List<Path> files = javaFiles(sources().resolve("window"));
        List<String> violations = files.stream()
                .filter(f -> !VIEWS.contains(f.getFileName().toString().replace(".java", "")))
                .flatMap(f -> imports(f).stream()
                        .filter(i -> toolkit(i) && !i.startsWith("javafx.beans.") && !i.startsWith("javafx.collections."))
                        .map(i -> f.getFileName() + " imports " + i))
                .toList();
        assertEquals(List.of(), violations, "UI logic belongs in view-models; controls only in the listed views");
        assertTrue(files.size() > VIEWS.size(), "the rule saw the window's sources");
    }
}
