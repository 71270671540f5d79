package io.archexplorer.samples.families;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.samples.Catalog;
import java.util.LinkedHashMap;
import java.util.Map;

/** Building, measuring and checking the MobileNet and ShuffleNet families in their tests. */
final class CompactNets {
    static final double MILLION = 1e6;

    private CompactNets() {
    }

    /** The named preset or family with knobs given as {@code "width", "0.5", "groups", "8", ...}. */
    static Net build(String model, String... knobs) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < knobs.length; i += 2) {
            overrides.put(knobs[i], knobs[i + 1]);
        }
        return Catalog.standard().resolve(model, overrides).build();
    }

    static LayerCost totals(String model, String... knobs) {
        return CostAnalysis.analyze(build(model, knobs)).totals();
    }

    static long count(Net net, String kind) {
        return net.layers().stream().filter(l -> l.op().kind().equals(kind)).count();
    }

    /** Asserts that setting the knob to the value fails with a KnobException naming that knob. */
    static void assertKnobRejected(String model, String knob, String value) {
        BuiltModel.assertKnobError(model, knob, value);
    }

    /** Asserts that every layer between the first and the last layer of blocks (by name) belongs to a block. */
    static void assertLayersInBlocksBetween(Net net, String firstOutside, String lastOutside) {
        int from = net.indexOf(firstOutside);
        int to = net.indexOf(lastOutside);
        assertTrue(from >= 0 && to > from, firstOutside + " must come before " + lastOutside);
        for (int i = from + 1; i < to; i++) {
            Layer l = net.layer(i);
            assertFalse(l.block().isEmpty(), l.name() + " has no block");
        }
    }
}
