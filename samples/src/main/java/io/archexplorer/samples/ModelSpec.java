package io.archexplorer.samples;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.samples.knobs.KnobValues;

/** A model to build: a family with all its knob values, under a display name (the preset's or the family's). */
public record ModelSpec(String name, Family family, KnobValues knobs) {

    public Net build() {
        return family.build(name, knobs);
    }

    /** The same model with one knob changed (text value, validated). */
    public ModelSpec with(String knob, String value) {
        return new ModelSpec(name, family, knobs.with(knob, value));
    }
}
