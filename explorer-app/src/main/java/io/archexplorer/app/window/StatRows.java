package io.archexplorer.app.window;

import io.archexplorer.app.report.Numbers;
import io.archexplorer.app.study.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The stats panel's rows: each figure with its change against the previous variant and the pinned baseline. */
final class StatRows {

    /**
     * @param value formatted; empty when unknown
     * @param vsPrevious relative change (0.1 = +10 %), NaN when there is nothing to compare with
     * @param lowerIsBetter true for costs, false for throughput: decides which direction is good news
     */
    record Row(String label, String value, double vsPrevious, double vsBaseline, boolean lowerIsBetter) {
    }

    private StatRows() {
    }

    /** @param previous may be null; so may baseline */
    static List<Row> of(Figures now, Figures previous, Figures baseline) {
        List<Row> rows = new ArrayList<>();
        add(rows, "params", Numbers.human(now.params()), now, previous, baseline, Figures::params, true);
        add(rows, "FLOPs (mult-adds)", Numbers.human(now.multAdds()), now, previous, baseline, Figures::multAdds,
                true);
        add(rows, "MAC", Numbers.human(now.mac()), now, previous, baseline, Figures::mac, true);
        add(rows, "activations", Numbers.human(now.activations()), now, previous, baseline, Figures::activations,
                true);
        add(rows, "peak memory", now.peakBytes() < 0 ? "" : Numbers.bytes(now.peakBytes()), now, previous, baseline,
                f -> f.peakBytes() < 0 ? Double.NaN : f.peakBytes(), true);
        add(rows, "latency", now.isMeasured() ? String.format(Locale.ROOT, "%.2f ms", now.latencyMs()) : "",
                now, previous, baseline, Figures::latencyMs, true);
        add(rows, "throughput", now.isMeasured() ? String.format(Locale.ROOT, "%.1f img/s", now.imagesPerSecond())
                : "", now, previous, baseline, Figures::imagesPerSecond, false);
        return rows;
    }

    private static void add(List<Row> rows, String label, String value, Figures now, Figures previous,
                            Figures baseline, ToDoubleFunction<Figures> figure, boolean lowerIsBetter) {
        rows.add(new Row(label, value, change(now, previous, figure), change(now, baseline, figure), lowerIsBetter));
    }

    private static double change(Figures now, Figures then, ToDoubleFunction<Figures> figure) {
        if (then == null) {
            return Double.NaN;
        }
        double a = figure.applyAsDouble(now);
        double b = figure.applyAsDouble(then);
        return b == 0 || Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : a / b - 1;
    }

    /** {@code ▲ 12.3 %}, {@code ▼ 4.0 %}, {@code = } for no change, empty for unknown. */
    static String arrow(double change) {
        if (Double.isNaN(change)) {
            return "";
        }
        if (Math.abs(change) < 0.0005) {
            return "=";
        }
        return String.format(Locale.ROOT, "%s %.1f %%", change > 0 ? "▲" : "▼", Math.abs(change) * 100);
    }
}
