package io.archexplorer.app.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.app.report.Chart;
import io.archexplorer.app.study.LabRecord;
import io.archexplorer.samples.Catalog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Labs, Sweep and Atlas tabs' view-models, driven as the window drives them (actions on the FX thread). */
@ExtendWith(ApplicationExtension.class)
class StudyTabsTest {
    private ExplorerModel model;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 100, 100));
        stage.show();
    }

    @AfterEach
    void stop() {
        if (model != null) {
            model.shutdown();
        }
    }

    private static void fx(Runnable action) {
        Platform.runLater(action);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void awaitStudy() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.studyRunningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aCancelledSweepLeavesTheWindowUsable() throws Exception {
        model = OpenedModel.create();
        OpenedModel.open(model, "resnet50", Map.of("resolution", "64"));
        fx(() -> {
            model.sweep().knobProperty().set("cardinality");
            model.sweep().valuesProperty().set("1,2,4,8,16,32");
            model.sweep().measureProperty().set(true);
            assertTrue(model.sweep().run());
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.studyRunningProperty().get());
        fx(() -> model.sweep().cancel());
        awaitStudy();
        assertNull(model.sweep().resultProperty().get(), "a cancelled sweep shows no half result");

        // The window still turns knobs, and the next sweep runs to the end.
        var before = model.variant();
        fx(() -> model.setKnob("cardinality", "2"));
        assertEquals(2, OpenedModel.awaitNewVariant(model, before).spec().orElseThrow().knobs()
                .integer("cardinality"));
        fx(() -> {
            model.sweep().knobProperty().set("cardinality");
            model.sweep().valuesProperty().set("1,2,4,8,32");
            model.sweep().keepProperty().set("mult_adds");
            model.sweep().measureProperty().set(false);
            assertTrue(model.sweep().run());
        });
        awaitStudy();
        assertEquals(5, model.sweep().resultProperty().get().rows().size());
        assertEquals(3, model.sweep().charts().size(), "params, mult-adds, MAC; latency only when measured");

        // Clicking the third point opens C = 4 with its solved width.
        before = model.variant();
        fx(() -> model.sweep().open(model.sweep().plottedRows().get(2)));
        var opened = OpenedModel.awaitNewVariant(model, before).spec().orElseThrow().knobs();
        assertEquals(4, opened.integer("cardinality"));
        assertEquals(model.sweep().resultProperty().get().rows().get(2).variant().spec().orElseThrow().knobs()
                .integer("bottleneck_width"), opened.integer("bottleneck_width"));
    }

    @Test
    void aBadRangeIsShownAndNothingRuns() throws Exception {
        model = OpenedModel.create();
        OpenedModel.open(model, "resnet50", Map.of());
        fx(() -> {
            model.sweep().knobProperty().set("cardinality");
            model.sweep().valuesProperty().set("8..1");
            assertFalse(model.sweep().run());
        });
        assertEquals("knob 'cardinality': range 8..1 runs backwards", model.sweep().errorProperty().get());
        assertFalse(model.studyRunningProperty().get());
    }

    @Test
    void theDefaultValuesComeFromTheKnobsRange() throws Exception {
        model = OpenedModel.create();
        OpenedModel.open(model, "resnet50", Map.of());
        fx(() -> model.sweep().knobProperty().set("cardinality"));
        // C is 1..256 in the family, a wide range: its powers of two, 8 at most (a lecture's worth of measuring).
        assertEquals("1..256", Catalog.standard().family("resnet").orElseThrow().defaults().knob("cardinality")
                .allowedText());
        assertEquals("1,2,4,8,16,32,64,128", model.sweep().valuesProperty().get());
        fx(() -> model.sweep().knobProperty().set("depth"));
        // A choice knob: every choice (18, 34, 50, … as the family allows them).
        assertEquals(String.join(",", Catalog.standard().family("resnet").orElseThrow().defaults().knob("depth")
                .choices()), model.sweep().valuesProperty().get());
        assertTrue(model.sweep().valuesProperty().get().startsWith("18,34,50,101,152"));
    }

    @Test
    void labResultsComeBackFromTheSessionWithTheirChart() throws Exception {
        model = OpenedModel.create();
        LabRecord kept = new LabRecord("g2", Map.of("device", "arm", "scale", "1", "groups", "1"), 1,
                "2026-12-06T21:40:00Z", "laptop", List.of(
                        new LabRecord.RowRecord("g=1", 2.0, 1.9, 2.1, 1.8, 2.5, 40, 10),
                        new LabRecord.RowRecord("g=2", 2.4, 2.3, 2.5, 2.2, 2.9, 40, 10),
                        new LabRecord.RowRecord("g=4", 2.0, 1.95, 2.2, 1.9, 2.4, 40, 10),
                        new LabRecord.RowRecord("g=8", 3.0, 2.9, 3.2, 2.8, 3.5, 40, 10)));
        fx(() -> {
            model.labs().restore(List.of(kept));
            model.labs().labProperty().set("g2");
        });
        assertEquals(1, model.labs().shownProperty().get().size());
        assertEquals(List.of("g=1", "g=4", "g=2", "g=8"), model.labs().shownProperty().get().get(0)
                .measuredRanking());
        Chart chart = model.labs().charts().get(0);
        assertEquals(List.of("g=1", "g=2", "g=4", "g=8"), chart.categories());
        assertEquals(500.0, chart.series().get(0).points().get(0).y(), 1e-9, "1000 / 2.0 ms images/s");
        assertEquals(List.of(kept), model.labs().records());
        fx(() -> model.labs().labProperty().set("g1"));
        assertTrue(model.labs().charts().isEmpty(), "G1 was not measured");
    }

    @Test
    void theAtlasDrawsThePinsAndTheCurrentVariantAmongThePresets() throws Exception {
        model = OpenedModel.create();
        OpenedModel.open(model, "resnet50", Map.of("cardinality", "8", "bottleneck_width", "14"));
        fx(() -> {
            model.pin();
            assertTrue(model.atlas().run(false));
        });
        awaitStudy();
        Chart chart = model.atlas().chart();
        int presets = chart.series().stream().filter(s -> !s.name().equals("pinned") && !s.name().equals("current"))
                .mapToInt(s -> s.points().size()).sum();
        assertEquals(Catalog.standard().presets().size(), presets);
        Chart.Series current = chart.series().get(chart.series().size() - 1);
        assertEquals("current", current.name());
        assertEquals(model.variant().analysis().totals().multAdds(), current.points().get(0).x(), 1);
        assertEquals("pinned", chart.series().get(chart.series().size() - 2).name());
    }
}
