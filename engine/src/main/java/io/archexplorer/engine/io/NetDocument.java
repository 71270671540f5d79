package io.archexplorer.engine.io;

import io.archexplorer.engine.graph.Net;
import java.util.Map;

/**
 * A net as saved in a model file, with where it came from.
 *
 * @param family the family it was built from, or empty for a hand-made or imported net
 * @param knobs the knob values it was built with (name → number, boolean, string or list), informational
 */
public record NetDocument(Net net, String family, Map<String, Object> knobs) {
    public NetDocument {
        family = family == null ? "" : family;
        knobs = knobs == null ? Map.of() : knobs;
    }
}
