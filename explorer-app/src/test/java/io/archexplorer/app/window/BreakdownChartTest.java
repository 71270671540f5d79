package io.archexplorer.app.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.app.study.Measurement;
import io.archexplorer.engine.analysis.CategoryShares;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class BreakdownChartTest {
    private ExplorerModel model;
    private BreakdownChart view;

    @Start
    void start(Stage stage) {
        model = OpenedModel.create();
        model.setSettings(model.settingsProperty().get().withAutoMeasure(false));
        view = new BreakdownChart(model);
        stage.setScene(new Scene(view, 900, 500));
        stage.show();
    }

    @AfterEach
    void shutdown() {
        model.shutdown();
    }

    @Test
    void timeSharesJoinTheCostSharesOnceMeasured(FxRobot robot) throws Exception {
        OpenedModel.open(model, "squeezenet1_1", Map.of());
        assertEquals(List.of(BreakdownChart.MULT_ADDS, BreakdownChart.MAC), seriesNames());
        assertTrue(captionStartsWith(robot, "Not measured"));

        robot.interact(model::measureNow);
        Measurement m = OpenedModel.awaitMeasurement(model);
        assertEquals(List.of(BreakdownChart.MULT_ADDS, BreakdownChart.MAC, BreakdownChart.TIME), seriesNames());
        List<CategoryShares> expected = CategoryShares.of(m.variant().analysis(), m.layerMillis());
        for (XYChart.Series<String, Number> s : view.chart().getData()) {
            assertEquals(100, s.getData().stream().mapToDouble(d -> d.getYValue().doubleValue()).sum(), 1e-9);
            assertEquals(expected.size(), s.getData().size());
        }
        XYChart.Data<String, Number> convTime = view.chart().getData().get(2).getData().stream()
                .filter(d -> d.getXValue().equals("conv")).findFirst().orElseThrow();
        assertEquals(expected.stream().filter(c -> c.category().label().equals("conv")).findFirst().orElseThrow()
                .timeShare(), convTime.getYValue().doubleValue());
        assertTrue(captionStartsWith(robot, "Time of each executed step"));
    }

    private List<String> seriesNames() {
        return view.chart().getData().stream().map(XYChart.Series::getName).toList();
    }

    private static boolean captionStartsWith(FxRobot robot, String start) {
        return robot.lookup((Node n) -> n instanceof Labeled l && l.getText() != null && l.getText().startsWith(start))
                .tryQuery().isPresent();
    }
}
