package io.archexplorer.app;

import static io.archexplorer.engine.runtime.RuntimeAssertions.assertClose;
import static io.archexplorer.engine.runtime.RuntimeAssertions.randomInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.ReferenceExecutor;
import io.archexplorer.engine.weights.NetWeights;
import io.archexplorer.samples.Catalog;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeCommandsTest {

    @Test
    void benchJsonHasLatencyAndEveryLayer() throws Exception {
        CliRun run = CliRun.of("bench", "squeezenet1_1", "--set", "resolution=96", "--threads", "1", "--runs", "3",
                "--warmup", "1", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        JsonNode latency = doc.get("latency_ms");
        assertTrue(latency.get("min").asDouble() <= latency.get("median").asDouble());
        assertTrue(latency.get("median").asDouble() <= latency.get("max").asDouble());
        assertEquals(1, doc.get("threads").asInt());
        assertEquals(1, doc.get("batch").asInt());
        Net net = Catalog.standard().resolve("squeezenet1_1", Map.of("resolution", "96")).build();
        assertEquals(net.size(), doc.get("layers").size());
        double stepTotal = 0;
        for (JsonNode layer : doc.get("layers")) {
            assertTrue(layer.has("name") && layer.has("op") && layer.has("time_ms") && layer.has("gflops"));
            stepTotal += layer.get("time_ms").asDouble();
        }
        JsonNode relu = doc.get("layers").get(net.indexOf("conv1_relu"));
        assertEquals("conv1_relu", relu.get("name").asText());
        assertEquals("conv1", relu.get("executed_by").asText(), "the ReLU is fused into its conv");
        assertEquals(0.0, relu.get("time_ms").asDouble());
        assertTrue(stepTotal > 0 && stepTotal <= latency.get("max").asDouble() * 1.5, "per-layer times add up");
    }

    @Test
    void runComputesWhatTheReferenceExecutorComputes(@TempDir Path dir) throws Exception {
        Net net = Catalog.standard().resolve("mobilenet_v2", Map.of("resolution", "64")).build();
        float[] input = randomInput(Math.toIntExact(net.inputShape().elements()), 3);
        Path in = dir.resolve("in.f32");
        Path out = dir.resolve("out.f32");
        Files.write(in, littleEndian(input));

        CliRun run = CliRun.of("run", "mobilenet_v2", "--set", "resolution=64", "--input", in.toString(),
                "--output", out.toString(), "--seed", "17");
        assertEquals(0, run.exitCode(), run.err());
        float[] result = new float[1000];
        ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(result);
        assertClose(ReferenceExecutor.run(net, NetWeights.generate(net, 17), input), result, 1e-4, "run output");
    }

    @Test
    void runRefusesAnInputOfTheWrongSize(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("small.f32");
        Files.write(in, new byte[40]);
        CliRun run = CliRun.of("run", "resnet18", "--input", in.toString(), "--output", dir.resolve("o.f32").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("has 40 bytes, but the model's input 1×3×224×224 takes 150528 float32 values"),
                run.err());
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }
}
