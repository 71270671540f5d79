package io.archexplorer.app.window;

import io.archexplorer.app.diagram.DiagramFiles;
import io.archexplorer.app.study.Pin;
import io.archexplorer.app.study.RunSettings;
import io.archexplorer.app.study.Variant;
import io.archexplorer.engine.io.AtomicFiles;
import io.archexplorer.engine.io.ModelFiles;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

/**
 * The JavaFX application: builds the window, restores the last session (model, knobs, pins, layout), saves it on
 * close, and runs {@code --screenshot} scripts for the documentation and tests.
 */
public final class ExplorerApp extends Application {
    static final double WIDTH = 1600;
    static final double HEIGHT = 1000;
    private static final long SCREENSHOT_TIMEOUT_MS = 10 * 60_000;
    private static volatile int exitCode;

    private ExplorerModel model;
    private ExplorerWindow window;
    private Stage stage;
    private SessionStore sessions;

    static int exitCode() {
        return exitCode;
    }

    @Override
    public void start(Stage primary) {
        stage = primary;
        List<String> args = getParameters().getRaw();
        ScreenshotScript script = null;
        if (ScreenshotScript.requested(args)) {
            try {
                script = ScreenshotScript.parse(args);
            } catch (IllegalArgumentException e) {
                System.err.println("explorer: " + e.getMessage());
                exitCode = 2;
                Platform.exit();
                return;
            }
        }
        model = new ExplorerModel(Catalog.standard(), Platform::runLater);
        window = new ExplorerWindow(model);
        Scene scene = new Scene(window, WIDTH, HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(
                ExplorerApp.class.getResource("explorer.css")).toExternalForm());
        stage.setTitle("Architecture Explorer");
        stage.setScene(scene);
        model.variantProperty().addListener((o, was, v) -> stage.setTitle(v == null ? "Architecture Explorer"
                : v.name() + " — Architecture Explorer"));
        if (script != null) {
            stage.show();
            runScript(script);
            return;
        }
        sessions = SessionStore.standard();
        Session saved = sessions.load(model::say).orElse(null);
        restore(saved);
        stage.show();
        stage.setOnHidden(e -> {
            save();
            model.shutdown();
            Platform.exit();
        });
    }

    // ---- session ----

    private void restore(Session s) {
        if (s == null) {
            model.open("resnet50", Map.of());
            return;
        }
        try {
            model.setSettings(new RunSettings(Math.min(s.threads(), RunSettings.cores()), s.batch(), s.fused(),
                    s.autoMeasure()));
        } catch (IllegalArgumentException e) {
            model.say("saved settings ignored: " + e.getMessage());
        }
        for (Overlay o : Overlay.values()) {
            if (o.name().equals(s.overlay())) {
                model.overlayProperty().set(o);
            }
        }
        model.pins().setAll(s.pins());
        if (s.baseline() >= 0 && s.baseline() < s.pins().size()) {
            model.setBaseline(s.pins().get(s.baseline()));
        }
        window.setRecentFiles(s.recentFiles());
        model.labs().restore(s.labs());
        window.setPresentationMode(s.presentation());
        if (s.width() > 200 && s.height() > 150) {
            stage.setX(s.x());
            stage.setY(s.y());
            stage.setWidth(s.width());
            stage.setHeight(s.height());
        }
        stage.setMaximized(s.maximized());
        Platform.runLater(() -> window.setDividers(s.dividers()));
        if (!s.collapsed().isEmpty()) {
            model.variantProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends Variant> o, Variant was,
                                    Variant now) {
                    model.variantProperty().removeListener(this);
                    model.setCollapsed(s.collapsed());
                }
            });
        }
        if (s.file() != null) {
            window.openFile(Path.of(s.file()));
        } else {
            model.open(s.model() == null ? "resnet50" : s.model(), s.knobs());
        }
    }

    private void save() {
        Variant v = model.variant();
        RunSettings r = model.settingsProperty().get();
        Pin baseline = model.baselineProperty().get();
        Session s = new Session(
                v == null ? null : v.spec().map(ModelSpec::name).orElse(null),
                v == null ? null : v.model().file().map(f -> f.toAbsolutePath().toString()).orElse(null),
                v == null ? Map.of() : v.spec().map(spec -> spec.knobs().asText()).orElse(Map.of()),
                model.collapsedProperty().get(), new ArrayList<>(model.pins()),
                baseline == null ? -1 : model.pins().indexOf(baseline), model.overlayProperty().get().name(),
                r.threads(), r.batch(), r.fused(), r.autoMeasure(), window.presentationMode(),
                window.recentFiles(), stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized(), window.dividers(), model.labs().records());
        try {
            sessions.save(s);
        } catch (IOException e) {
            System.err.println("explorer: could not save the session to " + sessions.file() + ": " + e.getMessage());
        }
    }

    // ---- screenshots ----

    private void runScript(ScreenshotScript script) {
        Thread t = new Thread(() -> {
            try {
                play(script);
                exitCode = 0;
            } catch (Exception e) {
                System.err.println("explorer --screenshot: " + e.getMessage());
                exitCode = 1;
            }
            Platform.runLater(() -> {
                model.shutdown();
                Platform.exit();
            });
        }, "explorer-screenshot");
        t.setDaemon(true);
        t.start();
    }

    private void play(ScreenshotScript script) throws Exception {
        long deadline = System.currentTimeMillis() + SCREENSHOT_TIMEOUT_MS;
        onFx(() -> {
            window.setPresentationMode(script.presentation());
            model.overlayProperty().set(script.overlay());
            return null;
        });
        for (Map<String, String> pin : script.pins()) {
            onFx(() -> {
                model.open(script.model(), pin);
                return null;
            });
            settle(deadline);
            onFx(() -> {
                model.pin();
                return null;
            });
        }
        onFx(() -> {
            Path file = Path.of(script.model());
            if (ModelFiles.isModelFile(file) || Files.isRegularFile(file)) {
                window.openFile(file);
            } else {
                model.open(script.model(), Map.of());
            }
            return null;
        });
        settle(deadline);
        for (Map.Entry<String, String> k : script.knobs().entrySet()) {
            onFx(() -> {
                model.setKnob(k.getKey(), k.getValue());
                return null;
            });
            settle(deadline);
        }
        if (script.collapse()) {
            onFx(() -> {
                model.collapseAll();
                return null;
            });
            settle(deadline);
        }
        if (script.lab() != null) {
            study(deadline, () -> {
                model.labs().labProperty().set(script.lab());
                model.labs().scaleProperty().set(script.labScale());
                return model.labs().measure();
            });
        }
        if (script.sweep() != null) {
            study(deadline, () -> {
                int eq = script.sweep().indexOf('=');
                model.sweep().knobProperty().set(script.sweep().substring(0, eq));
                model.sweep().valuesProperty().set(script.sweep().substring(eq + 1));
                model.sweep().keepProperty().set(script.keep());
                model.sweep().measureProperty().set(script.sweepMeasure());
                return model.sweep().run();
            });
        }
        if (script.atlas() != null) {
            study(deadline, () -> model.atlas().run(script.atlas().equals("measure")));
        }
        onFx(() -> {
            window.tabs().getTabs().stream().filter(t -> t.getText().toLowerCase().startsWith(
                    script.tab().toLowerCase())).findFirst().ifPresent(t -> window.tabs().getSelectionModel()
                    .select(t));
            if (script.select() != null && model.variant() != null) {
                int i = model.variant().net().indexOf(script.select());
                model.selectedLayerProperty().set(i);
                if (i >= 0) {
                    window.graph().centerOn(i);
                }
            }
            return null;
        });
        // Two pulses: one to lay the scene out, one to paint it.
        onFx(() -> null);
        Thread.sleep(300);
        WritableImage image = onFx(() -> stage.getScene().snapshot(null));
        Path file = script.file();
        byte[] png = DiagramFiles.pngBytes(SwingFXUtils.fromFXImage(image, null));
        AtomicFiles.write(file, out -> out.write(png));
    }

    /** Starts a lab, sweep or atlas job on the FX thread and waits until it has finished. */
    private void study(long deadline, Callable<Boolean> start) throws Exception {
        if (!onFx(start)) {
            throw new IllegalStateException("could not start: " + onFx(() -> model.statusProperty().get()));
        }
        while (onFx(() -> model.studyRunningProperty().get())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out waiting for the lab, sweep or atlas");
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the model has settled: no pending change, no measurement under way. */
    private void settle(long deadline) throws Exception {
        while (true) {
            if (!onFx(() -> model.busyProperty().get())) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("timed out waiting for the window to settle");
            }
            Thread.sleep(100);
        }
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(action.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }
}
