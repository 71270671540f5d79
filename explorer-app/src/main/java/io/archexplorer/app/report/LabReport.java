package io.archexplorer.app.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.archexplorer.app.study.LabResult;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.samples.labs.GuidelineLab;
import io.archexplorer.samples.labs.PaperDevice;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * {@code explorer lab}: a guideline lab's rows as measured here, beside the paper's figures and rankings, as a table,
 * JSON, CSV or charts. Each argument is one lab measured at one or more thread counts (one {@link LabResult} each).
 */
public final class LabReport {
    /** The mark of a row whose latency is within the noise of the first row's. */
    public static final String WITHIN_NOISE = "≈";

    private LabReport() {
    }

    public static void printTable(List<LabResult> results, PrintStream out) {
        LabResult first = results.get(0);
        GuidelineLab lab = first.lab();
        out.println(lab.guideline());
        out.println(lab.family().name() + " (" + settingsText(first) + ") · 10 blocks on 56×56 · unfused · "
                + "interleaved measurement, median and interquartile range");
        out.println("formula: " + lab.formula());
        for (LabResult r : results) {
            out.println();
            TextTable t = new TextTable(TABLE_HEADERS.toArray(String[]::new));
            for (LabResult.Row row : r.rows()) {
                t.row(tableRow(r, row).toArray(String[]::new));
            }
            out.println(threads(r.settings().threads()) + ":");
            t.print(out);
            out.println("ranking here, fastest first:      " + String.join(" > ", r.measuredRanking()));
        }
        int scale = GuidelineLab.scale(first.base());
        for (PaperDevice d : PaperDevice.values()) {
            out.println(String.format(Locale.ROOT, "%-34s%s", "paper " + d.name() + " (" + d.machine() + ", ×" + scale
                    + "):", String.join(" > ", first.paperRanking(d))));
        }
        out.println("vs 1st: the first row's latency over the row's (above 1× is faster); " + WITHIN_NOISE
                + ": within noise of the first row (interquartile ranges overlap); paper: " + PaperDevice.GPU.unit()
                + " (GPU), " + PaperDevice.ARM.unit() + " (ARM), with the ratio to its first row");
        out.println("measured " + first.measuredAt() + " on " + first.machine());
    }

    /** The knobs all rows share (device, scale), e.g. {@code device=gpu, scale=2}: not the ones the rows set. */
    static String settingsText(LabResult r) {
        return sharedKnobs(r).entrySet().stream().map(e -> e.getKey() + "=" + r.base().knob(e.getKey())
                .format(e.getValue())).collect(Collectors.joining(", "));
    }

    private static Map<String, Object> sharedKnobs(LabResult r) {
        Map<String, Object> shared = new LinkedHashMap<>(r.base().asMap());
        shared.keySet().removeIf(k -> r.lab().rows().stream().anyMatch(row -> row.knobs().containsKey(k)));
        return shared;
    }

    /** The columns of a lab's table ('>' marks a right-aligned one), here and in the window. */
    public static final List<String> TABLE_HEADERS = List.of("variant", ">params", ">mult-adds", ">MAC",
            ">MAC closed form", ">latency ms", ">q1–q3 ms", ">images/s", ">vs 1st", "", ">paper GPU", ">paper ARM");

    /** One row's cells under {@link #TABLE_HEADERS}. */
    public static List<String> tableRow(LabResult r, LabResult.Row row) {
        int scale = GuidelineLab.scale(r.base());
        LayerCost c = row.variant().analysis().totals();
        Profile p = row.profile();
        return List.of(row.row().variant(), Numbers.grouped(c.params()), Numbers.grouped(c.multAdds()),
                Numbers.grouped(c.mac()), closedForm(r, row).map(Numbers::grouped).orElse("—"),
                fixed(p.medianMs(), 3), fixed(p.q1Ms(), 3) + "–" + fixed(p.q3Ms(), 3),
                fixed(p.imagesPerSecond(), 1), fixed(r.speedRatio(row), 2) + "×",
                r.withinNoiseOfFirst(row) ? WITHIN_NOISE : "",
                paper(r, row, PaperDevice.GPU, scale), paper(r, row, PaperDevice.ARM, scale));
    }

    static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }

    private static Optional<Long> closedForm(LabResult r, LabResult.Row row) {
        OptionalLong mac = r.lab().closedFormMac().apply(row.variant().spec().orElseThrow().knobs());
        return mac.isPresent() ? Optional.of(mac.getAsLong()) : Optional.empty();
    }

    private static String paper(LabResult r, LabResult.Row row, PaperDevice d, int scale) {
        double v = row.row().published(d, scale);
        double firstV = r.first().row().published(d, scale);
        return trimmed(v) + " (" + fixed(v / firstV, 2) + ")";
    }

    private static String trimmed(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : fixed(v, 1);
    }

    private static String fixed(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** One lab as the JSON object; {@link #writeJsonList} for several. */
    public static void writeJson(List<LabResult> results, PrintStream out) throws IOException {
        try (JsonGenerator g = JsonReports.generator(out)) {
            writeLab(g, results);
        }
        out.println();
    }

    public static void writeJsonList(List<List<LabResult>> labs, PrintStream out) throws IOException {
        try (JsonGenerator g = JsonReports.generator(out)) {
            g.writeStartArray();
            for (List<LabResult> lab : labs) {
                writeLab(g, lab);
            }
            g.writeEndArray();
        }
        out.println();
    }

    private static void writeLab(JsonGenerator g, List<LabResult> results) throws IOException {
        LabResult first = results.get(0);
        int scale = GuidelineLab.scale(first.base());
        g.writeStartObject();
        g.writeStringField("lab", first.lab().id());
        g.writeStringField("guideline", first.lab().guideline());
        g.writeStringField("family", first.lab().family().name());
        g.writeFieldName("knobs");
        JsonReports.MAPPER.writeValue(g, sharedKnobs(first));
        g.writeObjectFieldStart("paper_ranking");
        for (PaperDevice d : PaperDevice.values()) {
            g.writeFieldName(d.name().toLowerCase(Locale.ROOT));
            JsonReports.MAPPER.writeValue(g, first.paperRanking(d));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("measured_ranking");
        for (LabResult r : results) {
            g.writeFieldName(Integer.toString(r.settings().threads()));
            JsonReports.MAPPER.writeValue(g, r.measuredRanking());
        }
        g.writeEndObject();
        g.writeStringField("measured_at", first.measuredAt().toString());
        g.writeStringField("machine", first.machine());
        g.writeArrayFieldStart("rows");
        for (LabResult r : results) {
            for (LabResult.Row row : r.rows()) {
                LayerCost c = row.variant().analysis().totals();
                Profile p = row.profile();
                g.writeStartObject();
                g.writeStringField("lab", r.lab().id());
                g.writeStringField("variant", row.row().variant());
                g.writeNumberField("params", c.params());
                g.writeNumberField("mult_adds", c.multAdds());
                g.writeNumberField("mac", c.mac());
                OptionalLong closed = r.lab().closedFormMac().apply(row.variant().spec().orElseThrow().knobs());
                if (closed.isPresent()) {
                    g.writeNumberField("mac_closed_form", closed.getAsLong());
                } else {
                    g.writeNullField("mac_closed_form");
                }
                JsonReports.writeLatency(g, p);
                g.writeNumberField("images_per_second", p.imagesPerSecond());
                g.writeNumberField("threads", p.threads());
                g.writeNumberField("runs", p.runs());
                g.writeNumberField("warmup_runs", p.warmupRuns());
                g.writeNumberField("speed_vs_first", r.speedRatio(row));
                g.writeBooleanField("within_noise_of_first", r.withinNoiseOfFirst(row));
                g.writeNumberField("paper_gpu", row.row().published(PaperDevice.GPU, scale));
                g.writeNumberField("paper_arm", row.row().published(PaperDevice.ARM, scale));
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    public static final List<String> CSV_COLUMNS = List.of("lab", "variant", "threads", "params", "mult_adds", "mac",
            "mac_closed_form", "latency_median_ms", "latency_q1_ms", "latency_q3_ms", "images_per_second",
            "speed_vs_first", "within_noise_of_first", "paper_gpu", "paper_arm");

    /** One CSV table for all the labs given, one row per lab row and thread count. */
    public static void printCsv(List<List<LabResult>> labs, PrintStream out) {
        out.println(String.join(",", CSV_COLUMNS));
        for (List<LabResult> lab : labs) {
            for (LabResult r : lab) {
                int scale = GuidelineLab.scale(r.base());
                for (LabResult.Row row : r.rows()) {
                    LayerCost c = row.variant().analysis().totals();
                    Profile p = row.profile();
                    List<String> f = new ArrayList<>(List.of(r.lab().id(), row.row().variant(),
                            Integer.toString(p.threads()), Long.toString(c.params()), Long.toString(c.multAdds()),
                            Long.toString(c.mac()), closedForm(r, row).map(String::valueOf).orElse(""),
                            Numbers.plain(p.medianMs()), Numbers.plain(p.q1Ms()), Numbers.plain(p.q3Ms()), Numbers.plain(p.imagesPerSecond()),
                            Numbers.plain(r.speedRatio(row)), Boolean.toString(r.withinNoiseOfFirst(row)),
                            Numbers.plain(row.row().published(PaperDevice.GPU, scale)),
                            Numbers.plain(row.row().published(PaperDevice.ARM, scale))));
                    out.println(String.join(",", f.stream().map(AnalysisCsv::quote).toList()));
                }
            }
        }
    }

    /**
     * The lab as a bar chart: images/s of each row, one series per thread count, with the interquartile range as
     * whiskers.
     */
    public static Chart chart(List<LabResult> results) {
        LabResult first = results.get(0);
        List<String> categories = first.rows().stream().map(r -> r.row().variant()).toList();
        List<Chart.Series> series = new ArrayList<>();
        for (LabResult r : results) {
            List<Chart.Point> points = new ArrayList<>();
            for (int i = 0; i < r.rows().size(); i++) {
                Profile p = r.rows().get(i).profile();
                double batch = p.batch();
                points.add(new Chart.Point(i, p.imagesPerSecond(), 1000 * batch / p.q3Ms(), 1000 * batch / p.q1Ms(),
                        ""));
            }
            series.add(new Chart.Series(threads(r.settings().threads()), points));
        }
        return new Chart(first.lab().guideline(), Chart.Kind.BARS, first.lab().family().name() + " ("
                + settingsText(first) + ")", "images/s (whiskers: interquartile range)", categories, false, false,
                series);
    }
}
