package io.archexplorer.samples.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CategoryShares;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.analysis.OpCategory;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.engine.runtime.Profiler;
import io.archexplorer.engine.runtime.ProgressListener;
import io.archexplorer.engine.runtime.RuntimeOptions;
import io.archexplorer.samples.Catalog;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine's shares per op category, on the catalog's nets (the engine's own tests have no catalog). */
class CategorySharesTest {

    private static Map<OpCategory, CategoryShares> byCategory(List<CategoryShares> shares) {
        return shares.stream().collect(Collectors.toMap(CategoryShares::category, s -> s));
    }

    /**
     * resnet18 at 224 by hand (see {@code explorer analyze resnet18}): 1,814,074,344 mult-adds in all; the fc has
     * 513,000 and each of the three 1×1 downsample convolutions 6,422,528; every other mult-add is a 3×3 or 7×7
     * convolution.
     */
    @Test
    void resnet18MultAddsShareByHand() {
        Analysis a = CostAnalysis.analyze(Catalog.standard().resolve("resnet18", Map.of()).build());
        Map<OpCategory, CategoryShares> s = byCategory(CategoryShares.of(a, null));
        double total = 1_814_074_344.0;
        assertEquals(100 * 513_000 / total, s.get(OpCategory.FULLY_CONNECTED).multAddsShare(), 1e-9);
        assertEquals(100 * 3 * 6_422_528 / total, s.get(OpCategory.POINTWISE_CONV).multAddsShare(), 1e-9);
        assertEquals(100 * (total - 513_000 - 3 * 6_422_528) / total, s.get(OpCategory.CONV).multAddsShare(), 1e-9);
        assertEquals(0, s.get(OpCategory.NORMALIZATION).multAddsShare());
        assertTrue(s.get(OpCategory.NORMALIZATION).macShare() > 0, "batchnorm reads and writes memory");
        assertTrue(s.values().stream().allMatch(c -> Double.isNaN(c.timeShare())), "not measured");
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "mobilenet_v2", "shufflenet_v2_x1_0", "densenet121", "googlenet"})
    void sharesSumToOneHundredPercent(String preset) {
        Analysis a = CostAnalysis.analyze(Catalog.standard().resolve(preset, Map.of()).build());
        List<CategoryShares> shares = CategoryShares.of(a, null);
        assertEquals(100, sum(shares, CategoryShares::multAddsShare), 1e-9);
        assertEquals(100, sum(shares, CategoryShares::macShare), 1e-9);
    }

    /** Each step's time counts to its head layer's category: a fused conv + batchnorm + ReLU is conv time. */
    @Test
    void measuredTimeGoesToTheStepHeadsCategory() {
        // resnet18 at 64×64: 70 layers, fused steps, three 1×1 downsample convolutions; runs in milliseconds.
        Net net = Catalog.standard().resolve("resnet18", Map.of("resolution", "64")).build();
        Profile profile;
        try (CompiledNet compiled = CompiledNet.create(net, 1, RuntimeOptions.defaults().withThreads(1))) {
            profile = Profiler.measure(compiled, new float[Math.toIntExact(net.inputShape().elements())],
                    MeasurePlan.fixed(1, 3), ProgressListener.NONE, CancellationToken.none());
        }
        double total = 0;
        double convTime = 0;
        for (Profile.StepTiming t : profile.steps()) {
            total += t.medianMs();
            String name = t.step().name();
            boolean spatialConv = t.step().kind().equals("conv") && !name.contains("downsample");
            if (spatialConv) {
                convTime += t.medianMs();
            }
        }
        List<CategoryShares> shares = CategoryShares.of(CostAnalysis.analyze(net), profile.millisPerLayer(net.size()));
        assertEquals(100, sum(shares, CategoryShares::timeShare), 1e-9);
        assertEquals(100 * convTime / total, byCategory(shares).get(OpCategory.CONV).timeShare(), 1e-9);
        assertTrue(net.size() > profile.steps().size(), "some layers were fused into others' steps");
    }

    private static double sum(List<CategoryShares> shares, ToDoubleFunction<CategoryShares> f) {
        return shares.stream().mapToDouble(f).sum();
    }
}
