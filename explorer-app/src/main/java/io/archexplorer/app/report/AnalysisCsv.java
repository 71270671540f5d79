package io.archexplorer.app.report;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import java.io.PrintStream;
import java.util.List;

/** {@code explorer analyze --format csv}: one RFC 4180 row per layer, plain integers, for spreadsheets. */
public final class AnalysisCsv {
    private AnalysisCsv() {
    }

    /** The columns of a layer's row, also the first columns of the window's layer table export. */
    public static final List<String> COLUMNS = List.of("name", "block", "op", "attributes", "output_shape", "params",
            "mult_adds", "mac", "activations");

    public static void print(Analysis analysis, PrintStream out) {
        Net net = analysis.net();
        out.println(String.join(",", COLUMNS));
        for (int i = 0; i < net.size(); i++) {
            Layer l = net.layer(i);
            List<String> fields = fields(l.name(), l.block(), l.op().kind(), l.op().attributesSummary(),
                    net.outputShape(i).toString(), analysis.layer(i));
            out.println(String.join(",", fields.stream().map(AnalysisCsv::quote).toList()));
        }
    }

    /** The {@link #COLUMNS} of one layer, unquoted, numbers as plain integers. */
    public static List<String> fields(String name, String block, String op, String attributes, String outputShape,
                                      LayerCost c) {
        return List.of(name, block, op, attributes, outputShape, Long.toString(c.params()),
                Long.toString(c.multAdds()), Long.toString(c.mac()), Long.toString(c.activations()));
    }

    /** RFC 4180: a field with a comma, a quote or a line break goes in quotes, its quotes doubled. */
    public static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
