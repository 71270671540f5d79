package io.archexplorer.app.window;

import io.archexplorer.app.study.Measurement;
import io.archexplorer.app.study.Variant;
import io.archexplorer.samples.Catalog;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/** A window model driven as the window drives it: actions on the FX thread, results waited for. */
final class OpenedModel {
    private OpenedModel() {
    }

    static ExplorerModel create() {
        return new ExplorerModel(Catalog.standard(), Platform::runLater);
    }

    static void open(ExplorerModel model, String name, Map<String, String> knobs) throws TimeoutException {
        Variant before = model.variant();
        Platform.runLater(() -> model.open(name, knobs));
        awaitNewVariant(model, before);
    }

    /** Waits until a variant other than {@code before} is on screen. */
    static Variant awaitNewVariant(ExplorerModel model, Variant before) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.variant() != null && model.variant() != before);
        WaitForAsyncUtils.waitForFxEvents();
        return model.variant();
    }

    /** Waits until the variant on screen is measured. */
    static Measurement awaitMeasurement(ExplorerModel model) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            Measurement m = model.measurementProperty().get();
            return m != null && m.variant() == model.variant();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return model.measurementProperty().get();
    }
}
