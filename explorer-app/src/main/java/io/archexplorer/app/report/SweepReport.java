package io.archexplorer.app.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.archexplorer.app.study.KeepComplexity;
import io.archexplorer.app.study.Sweep;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.samples.knobs.Knob;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** {@code explorer sweep}: one row per value of the swept knob, as a table, JSON, CSV or charts. */
public final class SweepReport {
    public static final List<String> CSV_COLUMNS = List.of("value", "solved", "params", "mult_adds", "mac",
            "activations", "peak_memory_bytes", "off_target_percent", "latency_median_ms", "latency_q1_ms",
            "latency_q3_ms", "error");

    private SweepReport() {
    }

    public static void printTable(Sweep.Result r, PrintStream out) {
        out.println(header(r));
        List<String> headers = new ArrayList<>(List.of(r.knob().label()));
        if (r.compensation() != null && !r.compensation().builtIn()) {
            headers.add(solvedLabel(r));
        }
        headers.addAll(List.of(">params", ">mult-adds", ">MAC", ">activations", ">peak memory"));
        if (r.keep() != null) {
            headers.add(">vs base");
        }
        if (r.measured()) {
            headers.addAll(List.of(">latency ms", ">q1–q3 ms", ">images/s"));
        }
        TextTable t = new TextTable(headers.toArray(String[]::new));
        List<String> errors = new ArrayList<>();
        for (Sweep.Row row : r.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.value()));
            if (r.compensation() != null && !r.compensation().builtIn()) {
                cells.add(row.ok() ? solvedValue(r, row) : "");
            }
            if (!row.ok()) {
                while (cells.size() < headers.size()) {
                    cells.add("");
                }
                cells.set(cells.size() - 1, "error");
                errors.add(row.value() + ": " + row.error());
                t.row(cells.toArray(String[]::new));
                continue;
            }
            LayerCost c = row.variant().analysis().totals();
            cells.addAll(List.of(Numbers.grouped(c.params()), Numbers.grouped(c.multAdds()), Numbers.grouped(c.mac()),
                    Numbers.grouped(c.activations()), row.variant().memory() == null ? "—"
                            : Numbers.bytes(row.variant().memory().totalBytes())));
            if (r.keep() != null) {
                cells.add(String.format(Locale.ROOT, "%+.1f %%", row.solution().offPercent()));
            }
            if (r.measured()) {
                Profile p = row.profile();
                cells.addAll(List.of(fixed(p.medianMs(), 3), fixed(p.q1Ms(), 3) + "–" + fixed(p.q3Ms(), 3),
                        fixed(p.imagesPerSecond(), 1)));
            }
            t.row(cells.toArray(String[]::new));
        }
        t.print(out);
        for (String e : errors) {
            out.println(e);
        }
        if (r.measured()) {
            out.println("measured " + r.measuredAt() + " on " + r.machine() + " (" + r.settings().threads()
                    + " threads, batch " + r.settings().batch() + ", interleaved; median and interquartile range)");
        }
    }

    private static String header(Sweep.Result r) {
        String line = "sweep " + r.base().name() + " — " + r.base().family().name() + " (" + r.base().knobs()
                .summary() + ") — knob " + r.knob().name();
        if (r.keep() == null) {
            return line;
        }
        String target = Numbers.grouped(r.rows().stream().filter(Sweep.Row::ok).findFirst()
                .map(x -> x.solution().target()).orElse(0L));
        String how = r.compensation().builtIn() ? "held by " + r.compensation().solved() + ", against the base's "
                + target : r.compensation().solved() + " solved for each value: the smallest that reaches the base's "
                + target;
        return line + "\nkeep " + r.keep().key() + ": " + how;
    }

    private static String solvedLabel(Sweep.Result r) {
        String name = r.compensation().solved();
        Knob k = r.base().knobs().knob(name);
        return k.label();
    }

    private static String solvedValue(Sweep.Result r, Sweep.Row row) {
        String name = r.compensation().solved();
        return row.solution().knobs().asText().get(name);
    }

    private static String fixed(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    public static void writeJson(Sweep.Result r, PrintStream out) throws IOException {
        try (JsonGenerator g = JsonReports.generator(out)) {
            g.writeStartObject();
            g.writeStringField("model", r.base().name());
            g.writeStringField("family", r.base().family().name());
            g.writeStringField("knob", r.knob().name());
            if (r.keep() == null) {
                g.writeNullField("keep");
            } else {
                g.writeStringField("keep", r.keep().key());
                g.writeStringField("solved", r.compensation().solved());
            }
            if (r.measured()) {
                g.writeNumberField("threads", r.settings().threads());
                g.writeStringField("measured_at", r.measuredAt().toString());
                g.writeStringField("machine", r.machine());
            }
            g.writeArrayFieldStart("rows");
            for (Sweep.Row row : r.rows()) {
                g.writeStartObject();
                g.writeFieldName("value");
                JsonReports.MAPPER.writeValue(g, r.knob().parse(row.value()));
                if (!row.ok()) {
                    g.writeNullField("knobs");
                    g.writeNullField("latency_ms");
                    g.writeStringField("error", row.error());
                    g.writeEndObject();
                    continue;
                }
                g.writeFieldName("knobs");
                JsonReports.MAPPER.writeValue(g, row.variant().spec().orElseThrow().knobs().asMap());
                LayerCost c = row.variant().analysis().totals();
                g.writeNumberField("params", c.params());
                g.writeNumberField("mult_adds", c.multAdds());
                g.writeNumberField("mac", c.mac());
                g.writeNumberField("activations", c.activations());
                if (row.variant().memory() == null) {
                    g.writeNullField("peak_memory_bytes");
                } else {
                    g.writeNumberField("peak_memory_bytes", row.variant().memory().totalBytes());
                }
                if (row.solution() != null) {
                    g.writeNumberField("target", row.solution().target());
                    g.writeNumberField("off_target_percent", row.solution().offPercent());
                }
                JsonReports.writeLatency(g, row.profile());
                g.writeNullField("error");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }

    public static void printCsv(Sweep.Result r, PrintStream out) {
        out.println(String.join(",", CSV_COLUMNS));
        for (Sweep.Row row : r.rows()) {
            List<String> f = new ArrayList<>();
            f.add(row.value());
            f.add(row.ok() && r.compensation() != null && !r.compensation().builtIn() ? solvedValue(r, row) : "");
            if (row.ok()) {
                LayerCost c = row.variant().analysis().totals();
                f.addAll(List.of(Long.toString(c.params()), Long.toString(c.multAdds()), Long.toString(c.mac()),
                        Long.toString(c.activations()), row.variant().memory() == null ? ""
                                : Long.toString(row.variant().memory().totalBytes()),
                        row.solution() == null ? "" : String.format(Locale.ROOT, "%.4f", row.solution().offPercent())));
                Profile p = row.profile();
                f.addAll(p == null ? List.of("", "", "") : List.of(Numbers.plain(p.medianMs()), Numbers.plain(p.q1Ms()),
                        Numbers.plain(p.q3Ms())));
                f.add("");
            } else {
                f.addAll(List.of("", "", "", "", "", "", "", "", ""));
                f.add(row.error());
            }
            out.println(String.join(",", f.stream().map(AnalysisCsv::quote).toList()));
        }
    }

    /** The curves of params, mult-adds, MAC and (when measured) latency against the knob: one chart each. */
    public static List<Chart> charts(Sweep.Result r) {
        List<Chart> charts = new ArrayList<>();
        charts.add(chart(r, "params", row -> row.variant().analysis().totals().params()));
        charts.add(chart(r, "mult-adds (FLOPs)", row -> row.variant().analysis().totals().multAdds()));
        charts.add(chart(r, "MAC (memory access cost)", row -> row.variant().analysis().totals().mac()));
        if (r.measured()) {
            charts.add(chart(r, "latency ms (whiskers: interquartile range)", row -> row.profile().medianMs()));
        }
        return charts;
    }

    /** Whether the knob's values are numbers, drawn on a numeric axis; otherwise one bar per value. */
    private static boolean numeric(Knob k) {
        return k.type() == Knob.Type.INTEGER || k.type() == Knob.Type.REAL
                || k.type() == Knob.Type.CHOICE && k.choices().stream().allMatch(c -> c.matches("-?\\d+(\\.\\d+)?"));
    }

    private static Chart chart(Sweep.Result r, String what, ToDoubleFunction<Sweep.Row> figure) {
        boolean numeric = numeric(r.knob());
        List<Sweep.Row> ok = r.rows().stream().filter(Sweep.Row::ok).toList();
        List<Chart.Point> points = new ArrayList<>();
        for (int i = 0; i < ok.size(); i++) {
            Sweep.Row row = ok.get(i);
            double x = numeric ? Double.parseDouble(row.value()) : i;
            double y = figure.applyAsDouble(row);
            boolean latency = what.startsWith("latency");
            points.add(new Chart.Point(x, y, latency ? row.profile().q1Ms() : Double.NaN,
                    latency ? row.profile().q3Ms() : Double.NaN, ""));
        }
        double[] xs = points.stream().mapToDouble(Chart.Point::x).toArray();
        double[] ys = points.stream().mapToDouble(Chart.Point::y).toArray();
        String title = what + " against " + r.knob().label() + " — " + r.base().name()
                + (r.keep() == null ? "" : ", keeping " + r.keep().key());
        return new Chart(title, numeric ? Chart.Kind.CURVES : Chart.Kind.BARS, r.knob().label() + " ("
                + r.knob().name() + ")", what, numeric ? List.of() : ok.stream().map(Sweep.Row::value).toList(),
                numeric && wide(xs), wide(ys), List.of(new Chart.Series(r.base().name(), points)));
    }

    /** A range wide enough for a logarithmic axis: positive, spanning more than 20×. */
    public static boolean wide(double[] values) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (double v : values) {
            if (v <= 0) {
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return values.length > 1 && max / min > 20;
    }
}
