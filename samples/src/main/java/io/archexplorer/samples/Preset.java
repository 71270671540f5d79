package io.archexplorer.samples;

import java.util.Map;

/**
 * A family with fixed knob values, e.g. {@code resnext50_32x4d} = resnet with depth 50, C 32, d 4.
 *
 * @param knobs knob name → value text; knobs not named keep the family's defaults
 */
public record Preset(String name, String family, String description, Map<String, String> knobs) {
    public Preset {
        knobs = Map.copyOf(knobs);
    }
}
