package io.archexplorer.app.cli;

import io.archexplorer.engine.graph.Net;
import java.util.Map;

/**
 * A model ready to analyze, whatever it came from.
 *
 * @param family the family it was built from; empty for a model file that names none
 * @param knobs knob name → typed value (number, boolean, text, list of numbers); for an imported file, what it
 *     declares (e.g. {@code declared_batch})
 */
public record LoadedModel(String name, String family, Map<String, Object> knobs, Net net) {
}
