package io.archexplorer.app.window;

import io.archexplorer.engine.runtime.Profile;

/** The measured speed of one variant under one set of run settings. */
public record Measurement(Variant variant, RunSettings settings, Profile profile) {
}
