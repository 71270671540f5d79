package io.archexplorer.app.window;

import io.archexplorer.app.report.AnalysisCsv;
import io.archexplorer.app.study.LayerTime;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The layer table as text for spreadsheets: CSV for the export, tab-separated for the clipboard. Both carry the
 * same columns as {@code explorer analyze --format csv} plus the measured time, with plain numbers.
 */
public final class LayerRowText {
    private static final List<String> HEADER = Stream.concat(AnalysisCsv.COLUMNS.stream(),
            Stream.of("time_ms", "fused_into", "gflops")).toList();

    private LayerRowText() {
    }

    public static String csv(List<LayerRow> rows) {
        return join(rows, ",", AnalysisCsv::quote);
    }

    /** Tab-separated, as spreadsheets paste it; no field holds a tab or a line break. */
    public static String tsv(List<LayerRow> rows) {
        return join(rows, "\t", UnaryOperator.identity());
    }

    private static String join(List<LayerRow> rows, String separator, UnaryOperator<String> escape) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(separator, HEADER)).append('\n');
        for (LayerRow row : rows) {
            out.append(String.join(separator, fields(row).stream().map(escape).toList())).append('\n');
        }
        return out.toString();
    }

    private static List<String> fields(LayerRow r) {
        LayerTime t = r.time();
        double gflops = r.gflops();
        String ms = t.kind() == LayerTime.Kind.RAN ? String.format(Locale.ROOT, "%.4f", t.ms()) : "";
        List<String> measured = List.of(ms, t.fusedInto(), Double.isNaN(gflops) ? "" : String.format(Locale.ROOT, "%.2f", gflops));
        return Stream.concat(AnalysisCsv.fields(r.name(), r.block(), r.kind(), r.attributes(), r.outputShape(),
                r.cost()).stream(), measured.stream()).toList();
    }
}
