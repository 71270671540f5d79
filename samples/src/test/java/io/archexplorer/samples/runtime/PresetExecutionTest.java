package io.archexplorer.samples.runtime;

import static io.archexplorer.engine.runtime.RuntimeAssertions.assertEveryStepClose;
import static io.archexplorer.engine.runtime.RuntimeAssertions.perturbBatchNorm;
import static io.archexplorer.engine.runtime.RuntimeAssertions.randomInput;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.RuntimeOptions;
import io.archexplorer.engine.weights.NetWeights;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.knobs.KnobException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The runtime on the catalog's nets: equal to the plain reference executor, and numerically sound at full size. */
class PresetExecutionTest {

    /** Input sides to try, smallest first: small inputs keep the double-precision reference fast. */
    private static final int[] SMALL_SIDES = {64, 96, 128, 160, 224, 299};

    /**
     * Every family of the catalog at its defaults, fused and not, on the smallest of {@link #SMALL_SIDES} it takes;
     * and knob variants with what no family's defaults have: ResNeXt's grouped 3×3, a batchnorm after a biased
     * convolution (VGG-BN).
     */
    static Stream<Arguments> smallModels() {
        Catalog catalog = Catalog.standard();
        Stream<ModelSpec> families = catalog.families().stream().map(f -> small(catalog.resolve(f.name(), Map.of())));
        Stream<Arguments> bothWays = families.flatMap(spec -> Stream.of(true, false)
                .map(fuse -> Arguments.of(label(spec), spec, fuse)));
        Stream<Arguments> variants = Stream.of(
                        catalog.resolve("resnext50_32x4d", Map.of("resolution", "64")),
                        catalog.resolve("vgg11_bn", Map.of("resolution", "32")))
                .map(spec -> Arguments.of(label(spec), spec, true));
        return Stream.concat(bothWays, variants);
    }

    /** The model on the smallest side it takes; at its own input where it has no resolution knob or none fits. */
    private static ModelSpec small(ModelSpec spec) {
        if (spec.knobs().knobs().stream().noneMatch(k -> k.name().equals("resolution"))) {
            return spec;
        }
        for (int side : SMALL_SIDES) {
            ModelSpec small = spec.with("resolution", "" + side);
            try {
                small.build();
                return small;
            } catch (InvalidNetException | KnobException tooSmall) {
                // A feature map vanished (or the family said so at its resolution knob): try a larger side.
            }
        }
        return spec;
    }

    private static String label(ModelSpec spec) {
        return spec.name() + " on " + spec.build().inputShape();
    }

    @ParameterizedTest(name = "{0} fused={2}")
    @MethodSource("smallModels")
    void modelMatchesTheReferenceExecutor(String label, ModelSpec spec, boolean fuse) {
        Net net = spec.build().withBatch(2);
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
