package io.archexplorer.samples.labs;

import java.util.Map;

/**
 * One row of a guideline table: the variant's name as the paper writes it, the knobs that make it, and the speeds the
 * paper published for it.
 *
 * @param knobs knob name → value text, on top of the lab family's defaults
 * @param gpu the paper's GPU figures (batches/s) at ×1, ×2, ×4 (G3, G4: at its three channel counts)
 * @param arm the paper's ARM figures (images/s), the same way
 */
public record LabRow(String variant, Map<String, String> knobs, double[] gpu, double[] arm) {
    public LabRow {
        knobs = Map.copyOf(knobs);
        gpu = gpu.clone();
        arm = arm.clone();
    }

    /** The published speed on {@code device} in the column of scale ×1, ×2 or ×4 (higher is faster). */
    public double published(PaperDevice device, int scale) {
        int column = Integer.numberOfTrailingZeros(scale);
        return (device == PaperDevice.GPU ? gpu : arm)[column];
    }
}
