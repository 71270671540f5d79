package io.archexplorer.app.window;

/**
 * A chart axis range with room around the data: an auto-ranged axis ends at the extreme point, where a point's
 * label is cut off by the plot's edge. Bounds fall on round ticks (1, 2, 2.5 or 5 × 10ⁿ), never below zero.
 */
public record AxisRange(double lower, double upper, double tick) {
    private static final int TICKS = 6;
    /** Room on each side, as a share of the data's span. */
    private static final double PADDING = 0.12;

    /** The range for data from {@code min} to {@code max} (equal for a single point). */
    public static AxisRange around(double min, double max) {
        double span = max - min;
        double pad = span > 0 ? span * PADDING : Math.max(Math.abs(max) * PADDING, 1e-9);
        double tick = roundTick((span + 2 * pad) / TICKS);
        double lower = Math.max(0, Math.floor((min - pad) / tick) * tick);
        double upper = Math.ceil((max + pad) / tick) * tick;
        return new AxisRange(lower, upper, tick);
    }

    private static double roundTick(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double step : new double[] {1, 2, 2.5, 5}) {
            if (step * magnitude >= raw) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
