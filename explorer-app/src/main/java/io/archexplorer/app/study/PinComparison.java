package io.archexplorer.app.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The compare table's rows: each pin numbered as in the charts, with its change against the baseline.
 *
 * @param number 1-based position in the pin list; the charts label points {@code #number}
 * @param latencyChange % change of latency against the baseline; NaN for the baseline itself or when either
 *     is not measured
 * @param multAddsChange % change of mult-adds against the baseline; NaN for the baseline itself
 */
public record PinComparison(int number, Pin pin, boolean baseline, double latencyChange, double multAddsChange) {

    public static List<PinComparison> of(List<Pin> pins, Pin baseline) {
        List<PinComparison> rows = new ArrayList<>(pins.size());
        for (int i = 0; i < pins.size(); i++) {
            Pin p = pins.get(i);
            // Identity, not equals: the same variant pinned twice makes two equal pins, only one the baseline.
            boolean isBaseline = p == baseline;
            boolean compared = baseline != null && !isBaseline;
            rows.add(new PinComparison(i + 1, p, isBaseline,
                    compared ? percentChange(p.figures().latencyMs(), baseline.figures().latencyMs()) : Double.NaN,
                    compared ? percentChange(p.figures().multAdds(), baseline.figures().multAdds()) : Double.NaN));
        }
        return rows;
    }

    /** {@code 100 (value − base) / base}; NaN when either is unknown or the base is 0. */
    static double percentChange(double value, double base) {
        return base == 0 || Double.isNaN(base) || Double.isNaN(value) ? Double.NaN : 100 * (value - base) / base;
    }

    /** What a "vs baseline" cell shows: {@code +12.3 %}, {@code −4.0 %} (a true minus sign), or "baseline". */
    public static String changeText(PinComparison row, double change) {
        if (row.baseline()) {
            return "baseline";
        }
        if (Double.isNaN(change)) {
            return "";
        }
        return String.format(Locale.ROOT, "%s%.1f %%", change < 0 ? "−" : "+", Math.abs(change));
    }

    public String marker() {
        return "#" + number;
    }
}
