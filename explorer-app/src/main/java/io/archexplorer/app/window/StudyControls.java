package io.archexplorer.app.window;

import io.archexplorer.app.diagram.ChartFiles;
import io.archexplorer.app.report.Chart;
import io.archexplorer.engine.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.FileChooser;

/**
 * What the Labs, Sweep and Atlas tabs share: a progress bar, a status line and Cancel bound to the study runner, and
 * saving their charts (PNG or SVG, drawn as the command line draws them) and tables (CSV), written off the FX thread.
 */
final class StudyControls {
    private StudyControls() {
    }

    /** The progress bar, the status and Cancel (Esc stops a running job, as for the window's measurement). */
    static List<Node> progress(StudyRunner runner) {
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(140);
        bar.progressProperty().bind(runner.progressProperty());
        bar.visibleProperty().bind(runner.runningProperty());
        Label status = new Label();
        status.textProperty().bind(runner.statusProperty());
        Button cancel = new Button("Cancel");
        cancel.disableProperty().bind(runner.runningProperty().not());
        cancel.setOnAction(e -> runner.cancel());
        cancel.setCancelButton(true);
        return List.of(cancel, bar, status);
    }

    static Button button(String text, Runnable action) {
        Button b = new Button(text);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Asks for a .png or .svg file and writes the charts to it. */
    static void saveCharts(Node owner, String name, Supplier<List<Chart>> charts, Consumer<String> say) {
        List<Chart> c = charts.get();
        if (c.isEmpty()) {
            say.accept("nothing to save yet");
            return;
        }
        Path file = choose(owner, "Save chart", name + ".png", new FileChooser.ExtensionFilter("PNG", "*.png"),
                new FileChooser.ExtensionFilter("SVG", "*.svg"));
        if (file != null) {
            write(file, () -> ChartFiles.write(c, file), say);
        }
    }

    /** Asks for a .csv file and writes what {@code csv} prints. */
    static void saveCsv(Node owner, String name, Consumer<PrintStream> csv, Consumer<String> say) {
        Path file = choose(owner, "Export table", name + ".csv", new FileChooser.ExtensionFilter("CSV", "*.csv"));
        if (file != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                csv.accept(out);
            }
            write(file, () -> AtomicFiles.write(file, out -> out.write(bytes.toByteArray())), say);
        }
    }

    private static Path choose(Node owner, String title, String name, FileChooser.ExtensionFilter... filters) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().addAll(filters);
        File f = chooser.showSaveDialog(owner.getScene().getWindow());
        return f == null ? null : f.toPath();
    }

    /** Writing a file, which may fail. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    /**
     * Writes off the FX thread (a 2× PNG of DenseNet-201 takes a second) and reports what happened through
     * {@code say} on the FX thread. What is written must be immutable, so the window can go on meanwhile.
     */
    static void write(Path file, Write write, Consumer<String> say) {
        say.accept("writing " + file + "…");
        Thread writer = new Thread(() -> {
            String outcome;
            try {
                write.run();
                outcome = "wrote " + file;
            } catch (IOException | RuntimeException e) {
                outcome = "could not write " + file + ": " + e.getMessage();
            }
            String message = outcome;
            Platform.runLater(() -> say.accept(message));
        }, "explorer-export");
        writer.setDaemon(true);
        writer.start();
    }
}
