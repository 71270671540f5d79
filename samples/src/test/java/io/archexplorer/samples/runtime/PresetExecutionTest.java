package io.archexplorer.samples.runtime;

import static io.archexplorer.engine.runtime.RuntimeAssertions.assertEveryStepClose;
import static io.archexplorer.engine.runtime.RuntimeAssertions.perturbBatchNorm;
import static io.archexplorer.engine.runtime.RuntimeAssertions.randomInput;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.RuntimeOptions;
import io.archexplorer.engine.weights.NetWeights;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.Preset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The runtime on whole presets: equal to the plain reference executor, and numerically sound at full size. */
class PresetExecutionTest {

    /** Small inputs keep the double-precision reference fast; every family's block types still run. */
    @ParameterizedTest
    @CsvSource({
        "resnet18, 64, true", "resnet18, 64, false", "resnext50_32x4d, 64, true", "densenet121, 64, true",
        "mobilenet_v1, 64, true", "mobilenet_v2, 64, true", "mobilenet_v2, 64, false",
        "shufflenet_v1, 64, true", "shufflenet_v2_x1_0, 64, true", "squeezenet1_0, 64, true",
        "squeezenet1_1, 64, false", "googlenet, 64, true", "alexnet, 96, true", "vgg11_bn, 32, true"})
    void presetMatchesTheReferenceExecutor(String preset, int resolution, boolean fuse) {
        Net net = Catalog.standard().resolve(preset, Map.of("resolution", "" + resolution)).build().withBatch(2);
        NetWeights weights = NetWeights.generate(net, 5);
        perturbBatchNorm(weights, 6);
        float[] input = randomInput(Math.toIntExact(net.inputShape().elements()), 9);
        try (CompiledNet compiled = CompiledNet.compile(net, weights, new RuntimeOptions(2, fuse, fuse))) {
            assertEveryStepClose(net, weights, compiled, input, 1e-4);
        }
    }

    static Stream<String> presets() {
        return Catalog.standard().presets().stream().map(Preset::name);
    }

    /**
     * He-normal weights keep every activation of every preset finite at full resolution: no NaN, no infinity and
     * no denormal (denormals make float arithmetic many times slower and would distort measured speed).
     */
    @ParameterizedTest
    @MethodSource("presets")
    void activationsStayFiniteAndNormal(String preset) {
        Net net = Catalog.standard().resolve(preset, Map.of()).build();
        try (CompiledNet compiled = CompiledNet.create(net, 42, new RuntimeOptions(2, false, false))) {
            float[] input = randomInput(Math.toIntExact(net.inputShape().elements()), 1);
            compiled.run(input, (step, buffer, length) -> {
                for (int i = 0; i < length; i++) {
                    float v = buffer[i];
                    if (!Float.isFinite(v) || (v != 0 && Math.abs(v) < Float.MIN_NORMAL)) {
                        fail(preset + ": " + step.name() + " output[" + i + "] = " + v);
                    }
                }
            });
            assertTrue(compiled.steps().size() > 0);
        }
    }
}
