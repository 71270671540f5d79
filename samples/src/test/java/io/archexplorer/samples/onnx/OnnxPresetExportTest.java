package io.archexplorer.samples.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.weights.NetWeights;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.Preset;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every preset of the catalog, and knob variants (other widths, resolutions and groups, a non-divisible adaptive pool
 * in AlexNet at 300 px), exported to ONNX and run in ONNX Runtime: the model loads (every node checked against its
 * operator's schema, every layer's shape annotation against ONNX Runtime's own inference), gives the output shape
 * our shape inference predicts, and stays finite with the He-initialized weights.
 */
class OnnxPresetExportTest {
    /**
     * Over this, generating, writing and loading the weights dominates the suite's time. The presets over it are the
     * eight VGGs (133–144 M params, 103 M of them in fc6), which differ only in how many 3×3 convolutions a stage has.
     */
    private static final long MAX_PARAMS = 100_000_000L;
    /** Runs despite the limit, standing for the VGG presets: the smallest, with batchnorm. */
    private static final String LARGE_PRESET_REPRESENTATIVE = "vgg11_bn";

    static Stream<Arguments> models() {
        Catalog catalog = Catalog.standard();
        Stream<ModelSpec> presets = catalog.presets().stream().map(Preset::name)
                .map(name -> catalog.resolve(name, Map.of()));
        Stream<ModelSpec> variants = Stream.of(
                catalog.resolve("mobilenet_v1", Map.of("width", "0.5", "resolution", "160")),
                catalog.resolve("mobilenet_v1", Map.of("depthwise", "off")),
                catalog.resolve("shufflenet_v1", Map.of("groups", "8")),
                catalog.resolve("squeezenet1_0", Map.of("bypass", "simple")),
                catalog.resolve("alexnet", Map.of("groups", "2", "resolution", "300")),
                catalog.resolve("densenet121", Map.of("bottleneck", "off", "compression", "1")));
        return Stream.concat(presets, variants).map(spec -> Arguments.of(spec.name() + " " + spec.knobs(), spec));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void exportedModelRunsInOnnxRuntime(String label, ModelSpec spec) {
        Net net = spec.build();
        long params = CostAnalysis.analyze(net).totals().params();
        assumeTrue(params <= MAX_PARAMS || spec.name().equals(LARGE_PRESET_REPRESENTATIVE),
                () -> label + " has " + params + " params, over the suite's limit; "
                        + LARGE_PRESET_REPRESENTATIVE + " stands for it");
        float[] input = OnnxRuntimePeer.randomInput(Math.toIntExact(net.inputShape().elements()), 7);

        OnnxRuntimePeer.Output output = OnnxRuntimePeer.run(net, NetWeights.generate(net, 42), input);

        assertArrayEquals(Arrays.stream(net.finalShape().dims()).asLongStream().toArray(), output.shape(), label);
        for (int i = 0; i < output.values().length; i++) {
            float v = output.values()[i];
            assertTrue(Float.isFinite(v), label + ": output " + i + " is " + v);
        }
    }
}
