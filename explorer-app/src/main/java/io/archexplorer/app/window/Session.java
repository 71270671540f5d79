package io.archexplorer.app.window;

import io.archexplorer.app.study.LabRecord;
import io.archexplorer.app.study.Pin;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the window restores on the next start: the open model and its knobs, the pins, the view and the window's
 * geometry. Written as JSON by {@link SessionStore}.
 *
 * @param model the preset or family on screen (null when a file is open)
 * @param file the model file on screen (null for a preset)
 * @param baseline index into pins of the baseline, -1 for none
 * @param dividers positions of the split panes' dividers, left to right, top to bottom
 * @param labs the guideline labs measured, with when and on which machine, so a lecture reopens them unmeasured
 */
public record Session(String model, String file, Map<String, String> knobs, Set<String> collapsed, List<Pin> pins,
                      int baseline, String overlay, int threads, int batch, boolean fused, boolean autoMeasure,
                      boolean presentation, List<String> recentFiles, double x, double y, double width,
                      double height, boolean maximized, List<Double> dividers, List<LabRecord> labs) {
    public Session {
        knobs = knobs == null ? Map.of() : Map.copyOf(knobs);
        collapsed = collapsed == null ? Set.of() : Set.copyOf(collapsed);
        pins = pins == null ? List.of() : List.copyOf(pins);
        recentFiles = recentFiles == null ? List.of() : List.copyOf(recentFiles);
        dividers = dividers == null ? List.of() : List.copyOf(dividers);
        labs = labs == null ? List.of() : List.copyOf(labs);
    }
}
