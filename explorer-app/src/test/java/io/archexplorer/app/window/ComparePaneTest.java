package io.archexplorer.app.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.app.study.Variant;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.samples.Catalog;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.ScatterChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ComparePaneTest {
    private ExplorerModel model;
    private ComparePane pane;

    @Start
    void start(Stage stage) {
        model = OpenedModel.create();
        pane = new ComparePane(model);
        stage.setScene(new Scene(pane, 1200, 700));
        stage.show();
    }

    @AfterEach
    void shutdown() {
        model.shutdown();
    }

    @Test
    void pinningTwoMeasuredVariantsAddsTwoRowsAndTwoPoints(FxRobot robot) throws Exception {
        OpenedModel.open(model, "resnet18", Map.of("resolution", "32"));
        OpenedModel.awaitMeasurement(model);
        robot.interact(model::pin);
        Variant first = model.variant();
        robot.interact(() -> model.setKnob("resolution", "48"));
        OpenedModel.awaitMeasurement(model);
        assertNotSame(first, model.variant());
        robot.interact(model::pin);

        assertEquals(2, pane.table().getItems().size());
        for (ScatterChart<Number, Number> chart : pane.charts()) {
            List<XYChart.Data<Number, Number>> points = chart.getData().get(0).getData();
            assertEquals(2, points.size());
            assertEquals(model.pins().get(1).figures().latencyMs(), points.get(1).getYValue().doubleValue());
            assertEquals("#2", ((Text) ((PointMarker) points.get(1).getNode()).getChildrenUnmodifiable().get(1))
                    .getText());
        }
        assertEquals(model.pins().get(1).figures().multAdds() / 1e9,
                pane.charts().get(0).getData().get(0).getData().get(1).getXValue().doubleValue());
        assertTrue(pane.table().getItems().get(0).baseline(), "the first pin is the baseline");
        double at32 = multAdds(32);
        double at48 = multAdds(48);
        assertEquals(100 * (at48 - at32) / at32, pane.table().getItems().get(1).multAddsChange(), 1e-9);

        // A pin taken before measuring is listed but not plotted.
        Variant second = model.variant();
        robot.interact(() -> {
            model.setSettings(model.settingsProperty().get().withAutoMeasure(false));
            model.setKnob("resolution", "40");
        });
        OpenedModel.awaitNewVariant(model, second);
        robot.interact(model::pin);
        assertEquals(3, pane.table().getItems().size());
        assertEquals(2, pane.charts().get(0).getData().get(0).getData().size());
        assertTrue(robot.lookup((Node n) -> n instanceof Labeled l && l.getText() != null
                && l.getText().startsWith("#3 not measured")).tryQuery().isPresent());

        robot.interact(() -> pane.table().getSelectionModel().select(1));
        robot.clickOn("Set as baseline");
        assertSame(model.pins().get(1), model.baselineProperty().get());
        assertTrue(pane.table().getItems().get(1).baseline());
        assertEquals(100 * (at32 - at48) / at48, pane.table().getItems().get(0).multAddsChange(), 1e-9);

        robot.clickOn("Clear all");
        assertTrue(model.pins().isEmpty());
        assertTrue(pane.table().getItems().isEmpty());
        assertTrue(pane.charts().get(0).getData().get(0).getData().isEmpty());
    }

    private static double multAdds(int resolution) {
        return CostAnalysis.analyze(Catalog.standard().resolve("resnet18",
                Map.of("resolution", Integer.toString(resolution))).build()).totals().multAdds();
    }
}
