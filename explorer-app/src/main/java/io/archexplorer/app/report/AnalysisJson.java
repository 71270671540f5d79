package io.archexplorer.app.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.archexplorer.app.study.LoadedModel;
import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code explorer analyze --format json}: model, family, knobs, input, totals and one record per layer, with the
 * keys the README documents (more may be added, none removed).
 */
public final class AnalysisJson {
    private AnalysisJson() {
    }

    public static void write(LoadedModel model, Analysis analysis, OutputStream out) throws IOException {
        Net net = analysis.net();
        try (JsonGenerator g = JsonReports.generator(out)) {
            g.writeStartObject();
            JsonReports.writeModel(g, model);
            g.writeFieldName("input");
            JsonReports.MAPPER.writeValue(g, net.inputShape().dims());
            g.writeObjectFieldStart("totals");
            LayerCost t = analysis.totals();
            g.writeNumberField("params", t.params());
            g.writeNumberField("params_excluding_bn", t.paramsExcludingBatchNorm());
            g.writeNumberField("mult_adds", t.multAdds());
            g.writeNumberField("mac", t.mac());
            g.writeNumberField("activations", t.activations());
            g.writeNumberField("layers", net.size());
            g.writeNumberField("unknown_layers", analysis.unknownLayers());
            g.writeEndObject();
            g.writeArrayFieldStart("layers");
            for (int i = 0; i < net.size(); i++) {
                writeLayer(g, net, i, analysis.layer(i));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void writeLayer(JsonGenerator g, Net net, int i, LayerCost c) throws IOException {
        Layer layer = net.layer(i);
        g.writeStartObject();
        g.writeStringField("name", layer.name());
        g.writeStringField("block", layer.block());
        g.writeStringField("op", layer.op().kind());
        g.writeStringField("attributes", layer.op().attributesSummary());
        g.writeFieldName("inputs");
        JsonReports.MAPPER.writeValue(g, layer.inputs());
        g.writeFieldName("output_shape");
        if (net.outputShape(i).isKnown()) {
            JsonReports.MAPPER.writeValue(g, net.outputShape(i).dims());
        } else {
            g.writeString("?");
        }
        g.writeNumberField("params", c.params());
        g.writeNumberField("mult_adds", c.multAdds());
        g.writeNumberField("mac", c.mac());
        g.writeNumberField("activations", c.activations());
        g.writeEndObject();
    }
}
