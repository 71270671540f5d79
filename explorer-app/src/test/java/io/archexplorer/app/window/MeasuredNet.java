package io.archexplorer.app.window;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.engine.runtime.Profiler;
import io.archexplorer.engine.runtime.ProgressListener;
import io.archexplorer.engine.runtime.RuntimeOptions;
import io.archexplorer.samples.Catalog;
import java.util.Map;

/** A small net analyzed and measured by the engine itself, for the panels' computations without a window. */
record MeasuredNet(Analysis analysis, Profile profile) {

    /** resnet18 at 64×64: 70 layers, fused steps, three 1×1 downsample convolutions; runs in milliseconds. */
    static MeasuredNet resnet18At64() {
        Net net = Catalog.standard().resolve("resnet18", Map.of("resolution", "64")).build();
        try (CompiledNet compiled = CompiledNet.create(net, 1, RuntimeOptions.defaults().withThreads(1))) {
            float[] input = new float[Math.toIntExact(net.inputShape().elements())];
            Profile p = Profiler.measure(compiled, input, MeasurePlan.fixed(1, 3),
                    ProgressListener.NONE, CancellationToken.none());
            return new MeasuredNet(CostAnalysis.analyze(net), p);
        }
    }
}
