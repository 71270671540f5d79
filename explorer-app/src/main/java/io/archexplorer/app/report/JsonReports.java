package io.archexplorer.app.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.archexplorer.app.study.LoadedModel;
import io.archexplorer.engine.runtime.Profile;
import java.io.IOException;
import java.io.OutputStream;

/** What the JSON reports share: a pretty-printing generator that leaves stdout open, and the model header. */
final class JsonReports {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReports() {
    }

    static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.setPrettyPrinter(new DefaultPrettyPrinter());
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }

    /** {@code "latency_ms": {"median", "q1", "q3"}}, or null when not measured. */
    static void writeLatency(JsonGenerator g, Profile p) throws IOException {
        if (p == null) {
            g.writeNullField("latency_ms");
            return;
        }
        g.writeObjectFieldStart("latency_ms");
        g.writeNumberField("median", p.medianMs());
        g.writeNumberField("q1", p.q1Ms());
        g.writeNumberField("q3", p.q3Ms());
        g.writeEndObject();
    }

    /** {@code "model"}, {@code "family"} and {@code "knobs"}: which net, built how. */
    static void writeModel(JsonGenerator g, LoadedModel model) throws IOException {
        g.writeStringField("model", model.name());
        g.writeStringField("family", model.family());
        g.writeFieldName("knobs");
        MAPPER.writeValue(g, model.knobs());
    }
}
