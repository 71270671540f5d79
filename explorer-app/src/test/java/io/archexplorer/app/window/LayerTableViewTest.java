package io.archexplorer.app.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.app.study.Measurement;
import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.Profile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class LayerTableViewTest {
    private ExplorerModel model;
    private LayerTableView view;

    @Start
    void start(Stage stage) {
        model = OpenedModel.create();
        // Only the export test needs a measurement; the others should not share the CPU with one.
        model.setSettings(model.settingsProperty().get().withAutoMeasure(false));
        view = new LayerTableView(model);
        stage.setScene(new Scene(view, 1200, 500));
        stage.show();
    }

    @BeforeEach
    void openResnet18() throws Exception {
        OpenedModel.open(model, "resnet18", Map.of("resolution", "32"));
    }

    @AfterEach
    void shutdown() {
        model.shutdown();
    }

    private int layer(String name) {
        return model.variant().net().indexOf(name);
    }

    @Test
    void clickingARowSelectsItsLayerInTheModel(FxRobot robot) {
        robot.clickOn(cellWithText(robot, "layer1.0.conv2"));
        assertEquals(layer("layer1.0.conv2"), model.selectedLayerProperty().get());
        robot.clickOn(cellWithText(robot, "conv1"));
        assertEquals(layer("conv1"), model.selectedLayerProperty().get());
    }

    private static Node cellWithText(FxRobot robot, String text) {
        return robot.lookup((Node n) -> n instanceof TreeTableCell<?, ?> c && text.equals(c.getText())).query();
    }

    @Test
    void selectingALayerInTheModelSelectsAndRevealsItsRow(FxRobot robot) {
        robot.interact(() -> model.selectedLayerProperty().set(layer("fc")));
        TreeItem<LayerRow> selected = view.table().getSelectionModel().getSelectedItem();
        assertEquals("fc", selected.getValue().name());
        assertEquals(layer("fc"), model.selectedLayerProperty().get(), "no echo back into the model");
        assertVisible(view.table().getRow(selected));

        robot.interact(() -> view.groupByBlockToggle().setSelected(true));
        robot.interact(() -> model.selectedLayerProperty().set(layer("layer3.1.conv1")));
        selected = view.table().getSelectionModel().getSelectedItem();
        assertEquals("layer3.1.conv1", selected.getValue().name());
        assertEquals("layer3.1", selected.getParent().getValue().name(), "grouped: the layer sits in its block");
        assertTrue(selected.getParent().isExpanded() && selected.getParent().getParent().isExpanded());
        assertVisible(view.table().getRow(selected));

        robot.interact(() -> model.selectedLayerProperty().set(-1));
        assertTrue(view.table().getSelectionModel().isEmpty());
    }

    private void assertVisible(int row) {
        VirtualFlow<?> flow = (VirtualFlow<?>) view.table().lookup(".virtual-flow");
        assertTrue(flow.getFirstVisibleCell().getIndex() <= row && row <= flow.getLastVisibleCell().getIndex(),
                "row " + row + " on screen");
    }

    @Test
    void exportCsvWritesEveryLayerWithItsMeasuredTime(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(model::measureNow);
        Measurement m = OpenedModel.awaitMeasurement(model);
        Path file = dir.resolve("layers.csv");
        view.exportCsv(file);

        List<List<String>> csv = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        List<String> header = csv.get(0);
        Analysis a = model.variant().analysis();
        Net net = a.net();
        assertEquals(net.size() + 1, csv.size(), "header and one row per layer");
        for (int i = 0; i < net.size(); i++) {
            List<String> row = csv.get(i + 1);
            assertEquals(header.size(), row.size(), "row " + i);
            assertEquals(net.layer(i).name(), row.get(header.indexOf("name")));
            assertEquals(net.layer(i).op().attributesSummary(), row.get(header.indexOf("attributes")));
            assertEquals(a.layer(i).params(), Long.parseLong(row.get(header.indexOf("params"))));
            assertEquals(a.layer(i).multAdds(), Long.parseLong(row.get(header.indexOf("mult_adds"))));
            assertEquals(a.layer(i).mac(), Long.parseLong(row.get(header.indexOf("mac"))));
        }
        for (Profile.StepTiming t : m.profile().steps()) {
            List<String> row = csv.get(t.step().layer() + 1);
            assertEquals(t.medianMs(), Double.parseDouble(row.get(header.indexOf("time_ms"))), 1e-4);
            for (String absorbed : t.step().absorbed()) {
                assertEquals(t.step().name(), csv.get(net.indexOf(absorbed) + 1).get(header.indexOf("fused_into")));
            }
        }
    }

    @Test
    void copyPutsTheSelectedRowsOnTheClipboardTabSeparated(FxRobot robot) {
        robot.interact(() -> {
            view.table().getSelectionModel().select(layer("conv1"));
            view.table().getSelectionModel().select(layer("fc"));
            view.copy();
        });
        String[] lines = WaitForAsyncUtils.waitFor(
                WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString())).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("name\tblock\top\t"), lines[0]);
        assertTrue(lines[1].startsWith("conv1\t\tconv\t7×7/2, 64\t64×16×16\t9408\t"), lines[1]);
        assertTrue(lines[2].startsWith("fc\t\tfc\t"), lines[2]);
    }
}
