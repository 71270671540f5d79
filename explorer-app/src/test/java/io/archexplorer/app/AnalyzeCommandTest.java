package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** PyTorch's figures for torchvision's resnext50_32x4d (shared/reference, also the published 25,028,904). */
    @Test
    void jsonHasTheDocumentedShapeAndPyTorchsTotals() throws Exception {
        CliRun run = CliRun.of("analyze", "resnext50_32x4d", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals("resnext50_32x4d", doc.get("model").asText());
        assertEquals("resnet", doc.get("family").asText());
        assertEquals(32, doc.get("knobs").get("cardinality").asInt());
        assertEquals(List.of(1, 3, 224, 224), ints(doc.get("input")));
        JsonNode totals = doc.get("totals");
        assertEquals(25_028_904L, totals.get("params").asLong());
        assertEquals(24_960_680L, totals.get("params_excluding_bn").asLong());
        assertEquals(4_230_480_872L, totals.get("mult_adds").asLong());
        long macConvFc = 0;
        long activations = 0;
        for (JsonNode layer : doc.get("layers")) {
            for (String key : List.of("name", "block", "op", "output_shape", "params", "mult_adds", "mac")) {
                assertTrue(layer.has(key), "layer record has " + key);
            }
            String op = layer.get("op").asText();
            if (op.equals("conv") || op.equals("fc")) {
                macConvFc += layer.get("mac").asLong();
            }
            activations += layer.get("activations").asLong();
        }
        assertEquals(53_313_168L, macConvFc, "MAC over conv and fc layers (PyTorch's mac_conv_linear)");
        assertEquals(totals.get("activations").asLong(), activations);
    }

    @Test
    void grouped3x3ConvIsReportedAsConv() throws Exception {
        JsonNode doc = JSON.readTree(CliRun.of("analyze", "resnext50_32x4d", "--format", "json").out());
        JsonNode conv2 = find(doc, "layer1.0.conv2");
        assertEquals("conv", conv2.get("op").asText());
        assertEquals("layer1.0", conv2.get("block").asText());
        assertEquals(List.of(1, 128, 56, 56), ints(conv2.get("output_shape")));
    }

    /**
     * Doubling C at fixed d doubles the grouped 3×3 width of ResNeXt-50: conv2 of layer1.0 goes from 32×4 = 128 to
     * 64×4 = 256 channels, with 256·(256/64)·9 = 9,216 weights.
     */
    @Test
    void knobChangesTheNet() throws Exception {
        CliRun run = CliRun.of("analyze", "resnext50_32x4d", "--set", "cardinality=64", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode conv2 = find(JSON.readTree(run.out()), "layer1.0.conv2");
        assertEquals(256, conv2.get("output_shape").get(1).asInt());
        assertEquals(9_216, conv2.get("params").asLong());
    }

    @Test
    void tableHasLayersBlockSubtotalsAndSummary() {
        CliRun run = CliRun.of("analyze", "resnet18");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("layer1.0.conv1"), "a layer row");
        assertTrue(run.out().contains("Σ layer1.0"), "a block subtotal");
        assertTrue(run.out().contains("11,689,512"), "total params with separators (PyTorch: 11,689,512)");
        assertTrue(run.out().contains("11.69 M params"), "summary line");
        assertTrue(run.out().contains("1.81 G mult-adds"), "summary line (PyTorch: 1,814,074,344)");
    }

    @Test
    void csvHasOneRowPerLayer() throws Exception {
        CliRun csv = CliRun.of("analyze", "resnet18", "--format", "csv");
        JsonNode json = JSON.readTree(CliRun.of("analyze", "resnet18", "--format", "json").out());
        List<String> lines = csv.out().lines().toList();
        assertEquals("name,block,op,attributes,output_shape,params,mult_adds,mac,activations", lines.get(0));
        assertEquals(json.get("layers").size() + 1, lines.size());
        assertTrue(lines.get(2).startsWith("conv1,,conv,\"7×7/2, 64\",1×64×112×112,9408,118013952,962752,"),
                lines.get(2));
    }

    private static JsonNode find(JsonNode doc, String name) {
        for (JsonNode l : doc.get("layers")) {
            if (l.get("name").asText().equals(name)) {
                return l;
            }
        }
        throw new AssertionError("no layer " + name);
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> v = new ArrayList<>();
        array.forEach(n -> v.add(n.asInt()));
        return v;
    }
}
