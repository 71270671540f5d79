package io.archexplorer.app.bench;

import io.archexplorer.app.study.RunSettings;
import io.archexplorer.app.window.ExplorerModel;
import io.archexplorer.app.window.ExplorerWindow;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.Preset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The window's knob-to-screen time on every preset: the whole window (graph, table, stats, charts) at 1600×1000,
 * headless (Monocle), the resolution knob turned back and forth between its value and 32 less (32 more for
 * 32-pixel nets). Each update is timed from the knob change to the end of the FX thread's work for it: net build,
 * analysis, layout on the worker, then every panel's refresh and the graph's drawing commands on the FX thread.
 * Measuring is off, so only the update path is timed. Target: every preset under 100 ms. Two views of the FX thread: the longest
 * task the model ran on it (publishing a variant: every panel's refresh and the graph's drawing commands), and the
 * longest stall of a heartbeat posted to it every 2 ms, which also includes the toolkit's own pulses (layout, CSS,
 * and with Monocle's software pipeline, rasterizing the whole 1600×1000 window) and garbage collection.
 *
 * <p>Run from the repository root: {@code mvn -q -DskipTests -Pbench-window test}
 */
public final class WindowUpdateBenchmark {
    private static final int CHANGES = 12;

    private WindowUpdateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", "1920x1200-32");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Catalog catalog = Catalog.standard();
        TimedFx fx = new TimedFx();
        ExplorerModel model = new ExplorerModel(catalog, fx);
        ExplorerWindow window = onFx(() -> {
            model.setSettings(RunSettings.defaults().withAutoMeasure(false));
            ExplorerWindow w = new ExplorerWindow(model);
            Stage stage = new Stage();
            stage.setScene(new Scene(w, 1600, 1000));
            stage.show();
            return w;
        });
        System.out.printf(Locale.ROOT, "%-22s %7s %11s %9s %13s %14s %16s%n", "preset", "layers", "median ms",
                "max ms", "FX task ms", "FX stall ms", "redraw fit ms");
        double worst = 0;
        String worstName = "";
        double worstStall = 0;
        double worstTask = 0;
        for (Preset p : catalog.presets()) {
            open(model, p.name());
            int resolution = onFx(() -> model.variant().spec().orElseThrow().knobs().integer("resolution"));
            // 32 less, or 32 more for the nets made for 32-pixel images (CIFAR, LeNet), which cannot shrink by 32.
            int other = resolution > 64 ? resolution - 32 : resolution + 32;
            List<Double> times = new ArrayList<>();
            Heartbeat heartbeat = new Heartbeat();
            fx.longestMs = 0;
            for (int i = 0; i < CHANGES; i++) {
                String value = Integer.toString(i % 2 == 0 ? other : resolution);
                times.add(change(model, value));
            }
            double stall = heartbeat.stop();
            double task = fx.longestMs;
            worstStall = Math.max(worstStall, stall);
            worstTask = Math.max(worstTask, task);
            double[] t = times.stream().skip(2).mapToDouble(Double::doubleValue).sorted().toArray();
            int layers = onFx(() -> model.variant().net().size());
            double redraw = redrawMillis(window);
            System.out.printf(Locale.ROOT, "%-22s %7d %11.1f %9.1f %13.1f %14.1f %16.1f%n", p.name(), layers,
                    t[t.length / 2], t[t.length - 1], task, stall, redraw);
            if (t[t.length - 1] > worst) {
                worst = t[t.length - 1];
                worstName = p.name();
            }
        }
        System.out.printf(Locale.ROOT, "slowest update: %s, %.1f ms (target 100 ms); longest task of ours on the FX "
                + "thread %.1f ms (target 50 ms); longest FX-thread stall, toolkit included, %.1f ms%n", worstName, worst,
                worstTask, worstStall);
        Platform.exit();
        System.exit(0);
    }

    /** The model's way onto the FX thread, timing each task it posts there. */
    private static final class TimedFx implements java.util.concurrent.Executor {
        private volatile double longestMs;

        @Override
        public void execute(Runnable task) {
            Platform.runLater(() -> {
                long t0 = System.nanoTime();
                task.run();
                longestMs = Math.max(longestMs, (System.nanoTime() - t0) / 1e6);
            });
        }
    }

    /** Posts a no-op to the FX thread every 2 ms and records the longest wait before one ran. */
    private static final class Heartbeat {
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        private volatile double longestMs;

        Heartbeat() {
            timer.scheduleAtFixedRate(() -> {
                long posted = System.nanoTime();
                Platform.runLater(() -> longestMs = Math.max(longestMs, (System.nanoTime() - posted) / 1e6));
            }, 0, 2, TimeUnit.MILLISECONDS);
        }

        double stop() {
            timer.shutdownNow();
            return longestMs;
        }
    }

    /**
     * What one frame of panning costs on the FX thread with the whole graph in view (every box visible, the
     * worst case for culling): the median of 20 redraws.
     */
    private static double redrawMillis(ExplorerWindow window) throws Exception {
        return onFx(() -> {
            window.graph().fit();
            double[] ms = new double[20];
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                window.graph().zoom(1);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            java.util.Arrays.sort(ms);
            return ms[ms.length / 2];
        });
    }

    private static void open(ExplorerModel model, String preset) throws Exception {
        onFx(() -> {
            model.open(preset, Map.of());
            return null;
        });
        awaitIdle(model);
    }

    /** Turns the resolution knob and returns the update time the window measured for it. */
    private static double change(ExplorerModel model, String resolution) throws Exception {
        onFx(() -> {
            model.setKnob("resolution", resolution);
            return null;
        });
        awaitIdle(model);
        return onFx(() -> model.updateMillisProperty().get());
    }

    private static void awaitIdle(ExplorerModel model) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        do {
            Thread.sleep(5);
        } while (onFx(() -> model.busyProperty().get()) && System.nanoTime() < deadline);
        // One more round trip: the panels' listeners ran inside the publish; this flushes anything queued after.
        onFx(() -> null);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> action) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(action.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }
}
