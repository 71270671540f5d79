package io.archexplorer.app.window;

import io.archexplorer.app.study.RunSettings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.controlsfx.control.ToggleSwitch;

/** The measurement settings: threads, batch, fused or unfused execution, and automatic measuring. */
final class RunSettingsBar extends HBox {

    RunSettingsBar(ExplorerModel model) {
        super(6);
        setAlignment(Pos.CENTER_LEFT);
        RunSettings s = model.settingsProperty().get();
        Spinner<Integer> threads = new Spinner<>(1, RunSettings.cores(), s.threads());
        threads.setPrefWidth(62);
        threads.setId("threads");
        threads.setTooltip(new Tooltip("Threads the runtime uses (this machine has " + RunSettings.cores()
                + " cores)"));
        threads.valueProperty().addListener((o, was, now) -> model.setSettings(
                model.settingsProperty().get().withThreads(now)));
        Spinner<Integer> batch = new Spinner<>(1, RunSettings.MAX_BATCH, s.batch());
        batch.setEditable(true);
        batch.setPrefWidth(72);
        batch.setId("batch");
        batch.setTooltip(new Tooltip("Images per run; the figures stay per image"));
        batch.valueProperty().addListener((o, was, now) -> model.setSettings(
                model.settingsProperty().get().withBatch(now)));
        ToggleSwitch fused = new ToggleSwitch("fused");
        fused.setSelected(s.fused());
        fused.setTooltip(new Tooltip("Fold batchnorm into convolutions and fuse activations, as production "
                + "runtimes do; off shows what element-wise ops cost (ShuffleNet V2, guideline 4)"));
        fused.selectedProperty().addListener((o, was, now) -> model.setSettings(
                model.settingsProperty().get().withFused(now)));
        ToggleSwitch auto = new ToggleSwitch("auto");
        auto.setSelected(s.autoMeasure());
        auto.setTooltip(new Tooltip("Measure every variant in the background"));
        auto.selectedProperty().addListener((o, was, now) -> model.setSettings(
                model.settingsProperty().get().withAutoMeasure(now)));
        model.settingsProperty().addListener((o, was, now) -> {
            threads.getValueFactory().setValue(now.threads());
            batch.getValueFactory().setValue(now.batch());
            fused.setSelected(now.fused());
            auto.setSelected(now.autoMeasure());
        });
        getChildren().addAll(new Label("threads"), threads, new Label("batch"), batch, fused, auto);
    }
}
