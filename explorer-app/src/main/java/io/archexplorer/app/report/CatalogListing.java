package io.archexplorer.app.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.io.IOException;
import java.io.PrintStream;
import java.util.stream.Collectors;

/** {@code explorer list}: the families with their knobs, and the presets with the knobs they set. */
public final class CatalogListing {
    private CatalogListing() {
    }

    public static void printTable(Catalog catalog, PrintStream out) {
        for (Family f : catalog.families()) {
            out.println(f.name() + " — " + f.title() + " (" + f.reference() + ")");
            TextTable knobs = new TextTable("  knob", "symbol", ">default", "allowed", "meaning");
            for (Knob k : f.knobs()) {
                knobs.row("  " + k.name(), k.symbol(), k.format(k.defaultValue()), k.allowedText(), k.description());
            }
            knobs.print(out);
            out.println("  presets: " + f.presets().stream().map(p -> p.name() + presetKnobs(f, p))
                    .collect(Collectors.joining(", ")));
            out.println();
        }
        out.println("Use a preset or a family name as MODEL; change knobs with --set KNOB=VALUE, e.g.");
        out.println("  explorer analyze resnext50_32x4d --set cardinality=64");
    }

    /** The knobs a preset sets away from its family's defaults, e.g. {@code (depth=18)}. */
    private static String presetKnobs(Family f, Preset p) {
        KnobValues defaults = f.defaults();
        KnobValues set = defaults.with(p.knobs());
        String changed = f.knobs().stream()
                .filter(k -> !set.get(k.name()).equals(defaults.get(k.name())))
                .map(k -> k.name() + "=" + k.format(set.get(k.name())))
                .collect(Collectors.joining(" "));
        return changed.isEmpty() ? "" : " (" + changed + ")";
    }

    public static void writeJson(Catalog catalog, PrintStream out) throws IOException {
        try (JsonGenerator g = JsonReports.generator(out)) {
            writeFamilies(g, catalog);
        }
        out.println();
    }

    private static void writeFamilies(JsonGenerator g, Catalog catalog) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("families");
        for (Family f : catalog.families()) {
            g.writeStartObject();
            g.writeStringField("name", f.name());
            g.writeStringField("title", f.title());
            g.writeStringField("reference", f.reference());
            g.writeArrayFieldStart("knobs");
            for (Knob k : f.knobs()) {
                writeKnob(g, k);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("presets");
            for (Preset p : f.presets()) {
                g.writeStartObject();
                g.writeStringField("name", p.name());
                g.writeStringField("description", p.description());
                g.writeFieldName("knobs");
                JsonReports.MAPPER.writeValue(g, f.defaults().with(p.knobs()).asMap());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeKnob(JsonGenerator g, Knob k) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", k.name());
        g.writeStringField("symbol", k.symbol());
        g.writeStringField("type", k.type().name().toLowerCase());
        g.writeFieldName("default");
        JsonReports.MAPPER.writeValue(g, k.defaultValue());
        g.writeStringField("allowed", k.allowedText());
        switch (k.type()) {
            case CHOICE -> {
                g.writeFieldName("choices");
                JsonReports.MAPPER.writeValue(g, k.choices());
            }
            case INTEGER, REAL, INTEGER_LIST -> {
                g.writeNumberField("min", k.min());
                g.writeNumberField("max", k.max());
            }
            default -> { }
        }
        g.writeStringField("description", k.description());
        g.writeEndObject();
    }
}
