package io.archexplorer.app.study;

import io.archexplorer.samples.knobs.KnobValues;

/**
 * A variant kept for comparison: what it was and its figures at the moment it was pinned.
 *
 * @param label e.g. {@code resnext50_32x4d (C=64, d=2)}
 * @param knobs the knob summary, e.g. {@code depth=50, C=64, d=4, resolution=224}
 * @param threads the thread count its latency was measured with
 */
public record Pin(String label, String knobs, Figures figures, int threads, int batch) {

    /**
     * Pins a variant with its measurement (if it measured this very variant). The label is the model's name with the
     * knobs turned away from its preset, so variants of one preset can be told apart in the compare table and chart.
     *
     * @param preset the knob values of the preset the variant started from; null for a model file
     */
    public static Pin of(Variant v, Measurement m, RunSettings settings, KnobValues preset) {
        String turned = preset == null ? "" : v.knobsTurnedFrom(preset);
        return new Pin(turned.isEmpty() ? v.name() : v.name() + " (" + turned + ")", v.knobSummary(),
                Figures.of(v, m), settings.threads(), settings.batch());
    }
}
