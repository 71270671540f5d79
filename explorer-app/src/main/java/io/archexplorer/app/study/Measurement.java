package io.archexplorer.app.study;

import io.archexplorer.engine.runtime.Profile;

/** The measured speed of one variant under one set of run settings. */
public record Measurement(Variant variant, RunSettings settings, Profile profile) {

    /** Each layer's measured milliseconds, for heat maps and shares (see {@link Profile#millisPerLayer}). */
    public double[] layerMillis() {
        return profile.millisPerLayer(variant.net().size());
    }
}
