package io.archexplorer.app.report;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import java.io.PrintStream;

/** {@code explorer analyze --format csv}: one RFC 4180 row per layer, plain integers, for spreadsheets. */
public final class AnalysisCsv {
    private AnalysisCsv() {
    }

    public static void print(Analysis analysis, PrintStream out) {
        Net net = analysis.net();
        out.println("name,block,op,attributes,output_shape,params,mult_adds,mac,activations");
        for (int i = 0; i < net.size(); i++) {
            Layer l = net.layer(i);
            LayerCost c = analysis.layer(i);
            out.println(String.join(",", quote(l.name()), quote(l.block()), quote(l.op().kind()),
                    quote(l.op().attributesSummary()), quote(net.outputShape(i).toString()),
                    Long.toString(c.params()), Long.toString(c.multAdds()), Long.toString(c.mac()),
                    Long.toString(c.activations())));
        }
    }

    /** RFC 4180: a field with a comma, a quote or a line break goes in quotes, its quotes doubled. */
    public static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
