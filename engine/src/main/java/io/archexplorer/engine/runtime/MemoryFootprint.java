package io.archexplorer.engine.runtime;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.weights.NetWeights;

/**
 * What running a net would take, known before anything is allocated: the weights and the peak activations of its
 * memory plan (the arena every run reuses).
 */
public record MemoryFootprint(long weightBytes, long activationBytes) {

    /** @throws IllegalArgumentException when the net cannot run (unknown shapes) */
    public static MemoryFootprint of(Net net, RuntimeOptions options) {
        net.requireKnownShapes("plan memory for");
        Fusion fusion = Fusion.of(net, options);
        return new MemoryFootprint(NetWeights.generatedBytes(net), MemoryPlan.of(net, fusion).arenaBytes());
    }

    public long totalBytes() {
        return weightBytes + activationBytes;
    }
}
