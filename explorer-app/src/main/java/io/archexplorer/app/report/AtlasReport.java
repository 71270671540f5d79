package io.archexplorer.app.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.archexplorer.app.study.Atlas;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.runtime.Profile;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/** {@code explorer atlas}: every preset's figures (and measured latency), as a table, JSON, CSV or a scatter chart. */
public final class AtlasReport {
    public static final List<String> CSV_COLUMNS = List.of("preset", "family", "params", "mult_adds", "mac",
            "activations", "latency_median_ms", "latency_q1_ms", "latency_q3_ms", "images_per_second", "error");

    private AtlasReport() {
    }

    /** The counted figure on the chart's x axis. */
    public enum Axis {
        MULT_ADDS("mult_adds", "mult-adds (FLOPs)", LayerCost::multAdds),
        MAC("mac", "MAC (memory access cost)", LayerCost::mac),
        PARAMS("params", "params", LayerCost::params);

        private final String key;
        private final String title;
        private final ToLongFunction<LayerCost> figure;

        Axis(String key, String title, ToLongFunction<LayerCost> figure) {
            this.key = key;
            this.title = title;
            this.figure = figure;
        }

        public String key() {
            return key;
        }

        public String title() {
            return title;
        }

        public long of(LayerCost c) {
            return figure.applyAsLong(c);
        }
    }

    public static void printTable(Atlas.Result r, PrintStream out) {
        List<String> headers = new ArrayList<>(List.of("preset", "family", ">params", ">mult-adds", ">MAC"));
        if (r.measured()) {
            headers.addAll(List.of(">latency ms", ">q1–q3 ms", ">images/s", ">GFLOP/s"));
        }
        TextTable t = new TextTable(headers.toArray(String[]::new));
        List<String> errors = new ArrayList<>();
        for (Atlas.Point p : r.points()) {
            List<String> cells = new ArrayList<>(List.of(p.preset().name(), p.preset().family()));
            if (p.ok()) {
                LayerCost c = p.variant().analysis().totals();
                cells.addAll(List.of(Numbers.human(c.params()), Numbers.human(c.multAdds()), Numbers.human(c.mac())));
            } else {
                cells.addAll(List.of("", "", ""));
            }
            if (r.measured()) {
                Profile pr = p.profile();
                cells.addAll(pr == null ? List.of("", "", "", "") : List.of(fixed(pr.medianMs(), 2),
                        fixed(pr.q1Ms(), 2) + "–" + fixed(pr.q3Ms(), 2), fixed(pr.imagesPerSecond(), 1),
                        fixed(Profile.gflopsOf(p.variant().analysis().totals().multAdds(), pr.medianMs()), 1)));
            }
            if (p.error() != null) {
                errors.add(p.preset().name() + ": " + p.error());
            }
            t.row(cells.toArray(String[]::new));
        }
        t.print(out);
        errors.forEach(out::println);
        if (r.measured()) {
            out.println("measured " + r.measuredAt() + " on " + r.machine() + " (" + r.settings().threads()
                    + " threads, batch 1, " + (r.settings().fused() ? "fused" : "unfused")
                    + "; presets interleaved in groups that fit in memory)");
        }
    }

    private static String fixed(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    public static void writeJson(Atlas.Result r, PrintStream out) throws IOException {
        try (JsonGenerator g = JsonReports.generator(out)) {
            g.writeStartObject();
            g.writeNumberField("threads", r.settings().threads());
            if (r.measured()) {
                g.writeStringField("measured_at", r.measuredAt().toString());
                g.writeStringField("machine", r.machine());
            }
            g.writeArrayFieldStart("presets");
            for (Atlas.Point p : r.points()) {
                g.writeStartObject();
                g.writeStringField("preset", p.preset().name());
                g.writeStringField("family", p.preset().family());
                if (p.ok()) {
                    LayerCost c = p.variant().analysis().totals();
                    g.writeNumberField("params", c.params());
                    g.writeNumberField("mult_adds", c.multAdds());
                    g.writeNumberField("mac", c.mac());
                    g.writeNumberField("activations", c.activations());
                }
                JsonReports.writeLatency(g, p.profile());
                if (p.error() == null) {
                    g.writeNullField("error");
                } else {
                    g.writeStringField("error", p.error());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }

    public static void printCsv(Atlas.Result r, PrintStream out) {
        out.println(String.join(",", CSV_COLUMNS));
        for (Atlas.Point p : r.points()) {
            List<String> f = new ArrayList<>(List.of(p.preset().name(), p.preset().family()));
            if (p.ok()) {
                LayerCost c = p.variant().analysis().totals();
                f.addAll(List.of(Long.toString(c.params()), Long.toString(c.multAdds()), Long.toString(c.mac()),
                        Long.toString(c.activations())));
            } else {
                f.addAll(List.of("", "", "", ""));
            }
            Profile pr = p.profile();
            f.addAll(pr == null ? List.of("", "", "", "") : List.of(Numbers.plain(pr.medianMs()), Numbers.plain(pr.q1Ms()),
                    Numbers.plain(pr.q3Ms()), Numbers.plain(pr.imagesPerSecond())));
            f.add(p.error() == null ? "" : p.error());
            out.println(String.join(",", f.stream().map(AnalysisCsv::quote).toList()));
        }
    }

    /**
     * The scatter: each preset at its counted figure (x) and its measured latency (y), or its MAC when not measured
     * (its params when x is MAC), one colour per family, log axes.
     */
    public static Chart chart(Atlas.Result r, Axis x) {
        boolean measured = r.measured();
        Axis fallback = x == Axis.MAC ? Axis.PARAMS : Axis.MAC;
        Map<String, List<Chart.Point>> byFamily = new LinkedHashMap<>();
        for (Atlas.Point p : r.points()) {
            if (!p.ok() || measured && p.profile() == null) {
                continue;
            }
            LayerCost c = p.variant().analysis().totals();
            Profile pr = p.profile();
            Chart.Point point = measured ? new Chart.Point(x.of(c), pr.medianMs(), pr.q1Ms(), pr.q3Ms(),
                    p.preset().name()) : new Chart.Point(x.of(c), fallback.of(c), Double.NaN, Double.NaN,
                    p.preset().name());
            byFamily.computeIfAbsent(p.preset().family(), k -> new ArrayList<>()).add(point);
        }
        List<Chart.Series> series = byFamily.entrySet().stream()
                .map(e -> new Chart.Series(e.getKey(), e.getValue())).toList();
        String y = measured ? "latency ms (" + r.settings().threads() + " threads)" : fallback.title();
        return new Chart("The zoo: " + x.title() + " against " + (measured ? "measured latency" : fallback.title()),
                Chart.Kind.SCATTER, x.title(), y, List.of(), true, true, series);
    }
}
