package io.archexplorer.app.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.archexplorer.app.study.LoadedModel;
import io.archexplorer.app.study.SpeedTest;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.Profile;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code explorer bench --format json}: latency, throughput and one record per layer of the net. A layer that a
 * step absorbed (folded batchnorm, fused ReLU) or that is a view (flatten, dropout) has time 0 and names the step
 * that computed it in {@code executed_by}.
 */
public final class ProfileJson {
    private ProfileJson() {
    }

    public static void write(LoadedModel model, SpeedTest.Result result, PrintStream out) throws IOException {
        Profile p = result.profile();
        Map<Integer, Profile.StepTiming> byLayer = new HashMap<>();
        Map<String, String> absorbedBy = new HashMap<>();
        for (Profile.StepTiming t : p.steps()) {
            byLayer.put(t.step().layer(), t);
            t.step().absorbed().forEach(name -> absorbedBy.put(name, t.step().name()));
        }
        try (JsonGenerator g = JsonReports.generator(out)) {
            writeProfile(g, model, result, byLayer, absorbedBy);
        }
        out.println();
    }

    private static void writeProfile(JsonGenerator g, LoadedModel model, SpeedTest.Result result,
                                     Map<Integer, Profile.StepTiming> byLayer, Map<String, String> absorbedBy)
            throws IOException {
        Profile p = result.profile();
        Net net = result.net();
        g.writeStartObject();
        JsonReports.writeModel(g, model);
        g.writeNumberField("threads", p.threads());
        g.writeNumberField("batch", p.batch());
        g.writeNumberField("runs", p.runs());
        g.writeNumberField("warmup", p.warmupRuns());
        g.writeBooleanField("fused", result.options().foldBatchNorm());
        g.writeObjectFieldStart("latency_ms");
        g.writeNumberField("median", p.medianMs());
        g.writeNumberField("min", p.minMs());
        g.writeNumberField("max", p.maxMs());
        g.writeEndObject();
        g.writeNumberField("images_per_second", p.imagesPerSecond());
        g.writeNumberField("gflops", p.gflops());
        g.writeNumberField("weight_bytes", result.weightBytes());
        g.writeNumberField("peak_activation_bytes", result.activationBytes());
        g.writeArrayFieldStart("layers");
        for (int i = 0; i < net.size(); i++) {
            Profile.StepTiming t = byLayer.get(i);
            String name = net.layer(i).name();
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeStringField("op", net.layer(i).op().kind());
            g.writeNumberField("time_ms", t == null ? 0 : t.medianMs());
            g.writeNumberField("gflops", t == null ? 0 : t.gflops());
            if (t == null && absorbedBy.containsKey(name)) {
                g.writeStringField("executed_by", absorbedBy.get(name));
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
