package io.archexplorer.app.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explorer --screenshot} in its own JVM, headless with Monocle as CI runs it: the window opens at
 * 1600×1000, waits for layout and measurement, saves the PNG and exits 0.
 */
class ScreenshotCommandTest {

    private static Process explorer(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", "jdk.incubator.vector", "-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Djava.awt.headless=true",
                "-Darchexplorer.session=" + dir.resolve("session.json"),
                "-cp", System.getProperty("java.class.path"), "io.archexplorer.app.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    @Test
    void savesTheWholeWindowAfterMeasuringAndExitsZero(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("window.png");
        Process p = explorer(dir, "--screenshot", png.toString(), "squeezenet1_1", "--set", "resolution=96");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1600, image.getWidth());
        assertEquals(1000, image.getHeight());
    }

    @Test
    void aBadScriptIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Process p = explorer(dir, "--screenshot", dir.resolve("x.png").toString(), "--overlay", "colour");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.lines().anyMatch(l -> l.startsWith("explorer: --overlay")), output);
    }
}
