package io.archexplorer.samples.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.onnx.OnnxImporter;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.RuntimeOptions;
import io.archexplorer.engine.weights.NetWeights;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.Preset;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every preset exported with the project's exporter and read back by the importer: the same net. Its analysis is the
 * preset's, layer by layer (name, block, output shape, params, mult-adds, MAC) and in total, with no warning; run
 * with the file's weights, it computes what our runtime computes on the preset with the seed the file was written
 * with, and what ONNX Runtime computes on the file.
 */
class OnnxRoundTripTest {
    /** As in {@link OnnxPresetExportTest}: over this, generating and writing weights dominates the suite's time. */
    private static final long MAX_PARAMS = 100_000_000L;
    private static final String LARGE_PRESET_REPRESENTATIVE = "vgg11_bn";
    private static final long SEED = 42;

    static Stream<Arguments> presets() {
        Catalog catalog = Catalog.standard();
        return catalog.presets().stream().map(Preset::name)
                .map(name -> Arguments.of(name, catalog.resolve(name, Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void theImportedNetHasThePresetsAnalysis(String name, ModelSpec spec) throws ModelFileException {
        Net preset = spec.build();
        Analysis expected = CostAnalysis.analyze(preset);
        assumeTrue(expected.totals().params() <= MAX_PARAMS || name.equals(LARGE_PRESET_REPRESENTATIVE),
                () -> name + " is over the suite's size limit; " + LARGE_PRESET_REPRESENTATIVE + " stands for it");

        ImportedModel imported = roundTrip(preset);
        Net net = imported.document().net();
        Analysis actual = CostAnalysis.analyze(net);

        assertEquals(List.of(), imported.warnings(), name);
        assertEquals(preset.size(), net.size(), name + ": layer count");
        for (int i = 0; i < preset.size(); i++) {
            String layer = preset.layer(i).name();
            int j = net.indexOf(layer);
            assertEquals(preset.layer(i).block(), net.layer(j).block(), layer);
            assertEquals(preset.outputShape(i), net.outputShape(j), layer);
            assertCost(expected.layer(i), actual.layer(j), name + " " + layer);
        }
        assertCost(expected.totals(), actual.totals(), name + " totals");
    }

    private static void assertCost(LayerCost expected, LayerCost actual, String what) {
        assertEquals(expected.params(), actual.params(), what + ": params");
        assertEquals(expected.paramsExcludingBatchNorm(), actual.paramsExcludingBatchNorm(), what + ": params w/o bn");
        assertEquals(expected.multAdds(), actual.multAdds(), what + ": mult-adds");
        assertEquals(expected.mac(), actual.mac(), what + ": MAC");
    }

    /**
     * At 64 px (the figures do not matter here, the computation does), the imported net with the file's weights
     * against the preset with weights generated from the seed the file was written with, both in our runtime, and
     * against ONNX Runtime on the file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "mobilenet_v2", "shufflenet_v2_x1_0", "squeezenet1_1", "googlenet",
        "densenet121", "resnext50_32x4d", "shufflenet_v1"})
    void theImportedNetComputesWhatThePresetComputes(String name) throws ModelFileException {
        Net preset = Catalog.standard().resolve(name, Map.of("resolution", "64")).build();
        NetWeights weights = NetWeights.generate(preset, SEED);
        byte[] file = OnnxRuntimePeer.export(preset, weights);
        ImportedModel imported = read(file);
        Net net = imported.document().net();
        float[] input = OnnxRuntimePeer.randomInput(Math.toIntExact(preset.inputShape().elements()), 3);

        float[] fromPreset = run(preset, weights, input);
        float[] fromFile = run(net, imported.weights().orElseThrow().load(net), input);
        float[] fromOnnxRuntime = OnnxRuntimePeer.run(file, preset.inputShape().dims(), input).values();

        assertEquals(fromPreset.length, fromFile.length);
        for (int k = 0; k < fromPreset.length; k++) {
            double scale = 1 + Math.abs(fromPreset[k]);
            assertEquals(fromPreset[k], fromFile[k], 1e-5 * scale, name + " output " + k + ": ours, preset vs file");
            assertEquals(fromOnnxRuntime[k], fromFile[k], 1e-3 * scale, name + " output " + k + ": file, ORT vs ours");
        }
    }

    private static float[] run(Net net, NetWeights weights, float[] input) {
        try (CompiledNet compiled = CompiledNet.compile(net, weights, RuntimeOptions.defaults())) {
            return compiled.run(input);
        }
    }

    private static ImportedModel roundTrip(Net preset) throws ModelFileException {
        return read(OnnxRuntimePeer.export(preset, NetWeights.generate(preset, SEED)));
    }

    private static ImportedModel read(byte[] file) throws ModelFileException {
        return OnnxImporter.read("preset.onnx", "preset", ByteBuffer.wrap(file));
    }
}
