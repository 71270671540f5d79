package io.archexplorer.app.study;

import io.archexplorer.engine.analysis.LayerCost;

/**
 * The figures the stats panel and the compare view show for a variant. Measured figures are NaN until measured;
 * peak memory is -1 for a net that cannot run.
 *
 * @param peakBytes weights plus peak activations of a run
 * @param latencyMs median latency of one run (the whole batch)
 * @param imagesPerSecond throughput at the median latency
 */
public record Figures(long params, long multAdds, long mac, long activations, long peakBytes, double latencyMs,
                      double imagesPerSecond) {

    /** The variant's figures, with the measurement's when it measured this very variant. */
    public static Figures of(Variant v, Measurement m) {
        LayerCost t = v.analysis().totals();
        long peak = v.memory() == null ? -1 : v.memory().totalBytes();
        boolean measured = m != null && m.variant() == v;
        return new Figures(t.params(), t.multAdds(), t.mac(), t.activations(), peak,
                measured ? m.profile().medianMs() : Double.NaN,
                measured ? m.profile().imagesPerSecond() : Double.NaN);
    }

    public boolean isMeasured() {
        return !Double.isNaN(latencyMs);
    }
}
