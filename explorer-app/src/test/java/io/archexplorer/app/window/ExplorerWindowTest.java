package io.archexplorer.app.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.app.report.Numbers;
import io.archexplorer.app.study.Pin;
import io.archexplorer.app.study.RunSettings;
import io.archexplorer.app.study.Variant;
import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.io.NetJson;
import io.archexplorer.samples.Catalog;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole window, driven through its controls as a user would, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class ExplorerWindowTest {
    private final Catalog catalog = Catalog.standard();
    private ExplorerModel model;
    private ExplorerWindow window;

    @Start
    void start(Stage stage) {
        model = new ExplorerModel(catalog, Platform::runLater);
        model.setSettings(RunSettings.defaults().withThreads(1).withAutoMeasure(false));
        window = new ExplorerWindow(model);
        Scene scene = new Scene(window, 1600, 1000);
        scene.getStylesheets().add(ExplorerApp.class.getResource("explorer.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void shutdown() {
        model.shutdown();
    }

    private void open(String name, Map<String, String> knobs) throws Exception {
        Variant before = model.variant();
        Platform.runLater(() -> model.open(name, knobs));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.variant() != before && model.variant() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void awaitIdle() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !model.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Types a value into a knob's field (a spinner's or a list's) and presses Enter, as a user does. */
    private void type(FxRobot robot, String knob, String value) {
        TextField field = knobField(robot, knob);
        robot.interact(() -> {
            field.requestFocus();
            field.setText(value);
        });
        robot.clickOn(field).type(KeyCode.END).push(KeyCode.ENTER);
    }

    private static TextField knobField(FxRobot robot, String knob) {
        Node control = robot.lookup("#knob-" + knob).query();
        return control instanceof TextField list ? list
                : robot.from(control).lookup(".text-field").queryAs(TextField.class);
    }

    private String stat(FxRobot robot, String id) {
        return robot.lookup("#stat-" + id).queryAs(Label.class).getText();
    }

    @Test
    void turningAKnobShowsTheEnginesFiguresForTheNewNet(FxRobot robot) throws Exception {
        open("resnext50_32x4d", Map.of("resolution", "96"));
        type(robot, "cardinality", "64");
        awaitIdle();

        Analysis expected = CostAnalysis.analyze(catalog.resolve("resnext50_32x4d",
                Map.of("resolution", "96", "cardinality", "64")).build());
        assertEquals(64, model.variant().spec().orElseThrow().knobs().integer("cardinality"));
        assertEquals(Numbers.human(expected.totals().params()), stat(robot, "params"));
        assertEquals(Numbers.human(expected.totals().multAdds()), stat(robot, "flops-mult-adds"));
        assertEquals(Numbers.human(expected.totals().mac()), stat(robot, "mac"));
        // Against the previous variant (C = 32): more paths of the same width, more params.
        assertTrue(robot.lookup(".stat-change").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("▲")), "a rise is shown against C = 32");
    }

    @Test
    void anImpossibleValueIsShownAtItsKnobAndTheLastNetStays(FxRobot robot) throws Exception {
        open("densenet121", Map.of("resolution", "64"));
        Variant good = model.variant();

        type(robot, "resolution", "9");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.knobErrorProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Label error = robot.lookup("#knob-error-resolution").queryAs(Label.class);
        assertTrue(error.isVisible());
        assertTrue(error.getText().contains("layer '"), "the message names the layer that vanished: "
                + error.getText());
        assertSame(good, model.variant(), "the last valid net stays on screen");

        type(robot, "resolution", "0");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#knob-error-resolution").queryAs(Label.class).getText().contains("resolution"));
        assertSame(good, model.variant());

        type(robot, "resolution", "96");
        awaitIdle();
        assertFalse(robot.lookup("#knob-error-resolution").queryAs(Label.class).isVisible(), "a good value clears it");
        assertEquals(96, model.variant().net().inputShape().h());
    }

    @Test
    void aListKnobLeftAutoShowsAutoAndAClearedFieldMeansAutoAgain(FxRobot robot) throws Exception {
        open("resnet50", Map.of("resolution", "64"));
        TextField blocks = knobField(robot, "blocks");
        assertEquals("auto", blocks.getText(), "ResNet's blocks follow its depth until they are given");

        type(robot, "blocks", "2,2,2,2");
        awaitIdle();
        assertEquals(List.of(2, 2, 2, 2), model.variant().spec().orElseThrow().knobs().integerList("blocks"));

        type(robot, "blocks", "");
        awaitIdle();
        assertNull(model.knobErrorProperty().get(), "a cleared field is not a malformed list");
        assertEquals(List.of(), model.variant().spec().orElseThrow().knobs().integerList("blocks"));
        assertEquals(CostAnalysis.analyze(catalog.resolve("resnet50", Map.of("resolution", "64")).build())
                .totals().params(), CostAnalysis.analyze(model.variant().net()).totals().params(), "depth's blocks");
    }

    @Test
    void undoAndRedoWalkTheKnobHistory(FxRobot robot) throws Exception {
        open("densenet121", Map.of("resolution", "64"));
        type(robot, "growth_rate", "12");
        awaitIdle();
        Thread.sleep(900); // a separate undo step, not coalesced with the first change
        type(robot, "growth_rate", "48");
        awaitIdle();

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        awaitIdle();
        assertEquals(12, model.variant().spec().orElseThrow().knobs().integer("growth_rate"));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        awaitIdle();
        assertEquals(32, model.variant().spec().orElseThrow().knobs().integer("growth_rate"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        awaitIdle();
        assertEquals(12, model.variant().spec().orElseThrow().knobs().integer("growth_rate"));
    }

    @Test
    void selectingARowSelectsTheBoxAndClickingABoxSelectsTheRow(FxRobot robot) throws Exception {
        open("squeezenet1_1", Map.of("resolution", "96"));
        int layer = model.variant().net().indexOf("fire3.expand3x3");
        robot.interact(() -> model.selectedLayerProperty().set(layer));
        // The details panel names the selected layer, and the graph brought its box into view.
        assertTrue(robot.lookup(".details-panel .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().equals("fire3.expand3x3")));
        double[] p = window.graph().screenPosition(layer);
        assertNotNull(p);
        Node graph = window.graph();
        int other = model.variant().net().indexOf("fire2.squeeze");
        robot.interact(() -> window.graph().centerOn(other));
        double[] q = window.graph().screenPosition(other);
        robot.clickOn(graph.localToScreen(q[0], q[1]));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(other, model.selectedLayerProperty().get());
        // The table follows: its selected row is that layer.
        assertEquals(other, window.table().table().getSelectionModel().getSelectedItem().getValue().layer());
    }

    @Test
    void pinningAddsARowAndAPoint(FxRobot robot) throws Exception {
        open("squeezenet1_1", Map.of("resolution", "64"));
        robot.interact(model::measureNow);
        awaitIdle();
        robot.clickOn("#pin");
        type(robot, "resolution", "96");
        awaitIdle();
        robot.interact(model::measureNow);
        awaitIdle();
        robot.clickOn("#pin");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(2, model.pins().size());
        ComparePane compare = robot.lookup((Node n) -> n instanceof ComparePane).queryAs(ComparePane.class);
        assertEquals(2, compare.table().getItems().size());
        assertTrue(model.pins().get(1).figures().multAdds() > model.pins().get(0).figures().multAdds());
        assertEquals(List.of("squeezenet1_1 (ρ=64)", "squeezenet1_1 (ρ=96)"),
                model.pins().stream().map(Pin::label).toList(), "the knobs turned away from the preset");
        for (var chart : compare.charts()) {
            assertEquals(2, chart.getData().get(0).getData().size(), "one point per pin in each chart");
        }
    }

    @Test
    void exportsWriteFilesOtherToolsRead(@TempDir Path dir) throws Exception {
        open("mobilenet_v2", Map.of("resolution", "96"));
        Path png = dir.resolve("g.png");
        Path svg = dir.resolve("g.svg");
        Path json = dir.resolve("m.json");
        Path csv = dir.resolve("t.csv");
        WaitForAsyncUtils.asyncFx(() -> {
            window.exportGraph(png);
            window.exportGraph(svg);
            window.saveJson(json);
            window.table().exportCsv(csv);
            return null;
        }).get();

        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 200 && image.getHeight() > 1000, "the whole graph, not the view");
        assertEquals("svg", DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile())
                .getDocumentElement().getNodeName());
        Analysis reread = CostAnalysis.analyze(NetJson.read(json).net());
        assertEquals(model.variant().analysis().totals(), reread.totals());
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(model.variant().net().size() + 1, rows.size(), "a header and one row per layer");
    }

    @Test
    void findingALayerSelectsIt(FxRobot robot) throws Exception {
        open("googlenet", Map.of("resolution", "96"));
        robot.clickOn("#find-layer").write("inception4c.3x3").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        int selected = model.selectedLayerProperty().get();
        assertTrue(model.variant().net().layer(selected).name().startsWith("inception4c.3x3"));
    }

    @Test
    void aCaffeFileWithAnUnknownLayerOpensWithItsWarningAndCannotRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("custom.prototxt");
        Files.writeString(file, String.join("\n",
                "name: \"custom\"",
                "input: \"data\"",
                "input_shape { dim: 1 dim: 3 dim: 32 dim: 32 }",
                "layer { name: \"conv1\" type: \"Convolution\" bottom: \"data\" top: \"conv1\"",
                "  convolution_param { num_output: 8 kernel_size: 3 } }",
                "layer { name: \"magic\" type: \"MagicPool\" bottom: \"conv1\" top: \"magic\" }",
                ""), StandardCharsets.UTF_8);
        Platform.runLater(() -> window.openFile(file));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.variant() != null);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(file, model.variant().model().file().orElseThrow());
        assertEquals(8 * 3 * 9 + 8, model.variant().analysis().totals().params(), "conv1: 8·3·3·3 weights + 8 biases");
        @SuppressWarnings("unchecked")
        javafx.scene.control.Tab warningsTab = window.tabs().getTabs().stream()
                .filter(t -> t.getText().startsWith("Warnings")).findFirst().orElseThrow();
        javafx.scene.control.ListView<String> warnings = (javafx.scene.control.ListView<String>) warningsTab
                .getContent();
        assertTrue(warnings.getItems().stream().anyMatch(w -> w.contains("magic") && w.contains("MagicPool")),
                warnings.getItems().toString());
        assertTrue(warningsTab.getText().startsWith("Warnings (1"));
        assertEquals(List.of(file.toAbsolutePath().toString()), window.recentFiles());
        WaitForAsyncUtils.asyncFx(model::measureNow).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model.statusProperty().get().startsWith("cannot run custom"), model.statusProperty().get());
    }

    @Test
    void aFileThatCannotBeReadKeepsTheNetOnScreenAndSaysWhy(@TempDir Path dir) throws Exception {
        open("squeezenet1_1", Map.of("resolution", "64"));
        Variant good = model.variant();
        Path file = dir.resolve("broken.prototxt");
        Files.writeString(file, "layer { name: \"a\" type: \"ReLU\" \n", StandardCharsets.UTF_8);
        Platform.runLater(() -> window.openFile(file));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.fileErrorProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model.fileErrorProperty().get().startsWith(file.toString() + ":"),
                "file:line:column first: " + model.fileErrorProperty().get());
        assertSame(good, model.variant());
    }

    @Test
    void draggingASliderRebuildsAsItMovesAndThePickerShowsTheModel(FxRobot robot) throws Exception {
        open("mobilenet_v2", Map.of("resolution", "96"));
        javafx.scene.control.Slider slider = robot.lookup("#knob-resolution .slider")
                .queryAs(javafx.scene.control.Slider.class);
        robot.drag(slider.lookup(".thumb")).moveBy(40, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        awaitIdle();
        int resolution = model.variant().net().inputShape().h();
        assertTrue(resolution > 96, "moved right: a larger input, got " + resolution);
        TextField spinner = robot.lookup("#knob-resolution .text-field").queryAs(TextField.class);
        assertEquals(Integer.toString(resolution), spinner.getText(), "the net follows the slider");
        javafx.scene.control.TreeView<?> tree = robot.lookup("#model-tree").queryAs(javafx.scene.control.TreeView.class);
        assertEquals("mobilenet_v2", tree.getSelectionModel().getSelectedItem().getValue().toString());
    }
}
