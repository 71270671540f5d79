package io.archexplorer.samples.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.knobs.KnobException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A model of the standard catalog built and analysed for a test, with lookups by layer name. */
record BuiltModel(Net net, Analysis analysis) {

    /** Builds a preset or family with knob overrides given as {@code name=value}. */
    static BuiltModel of(String model, String... knobAssignments) {
        Net net = Catalog.standard().resolve(model, overrides(knobAssignments)).build();
        return new BuiltModel(net, CostAnalysis.analyze(net));
    }

    /** Asserts that resolving and building the model fails on the knob, and that the message names it. */
    static KnobException assertKnobError(String model, String knob, String value) {
        return assertCombinationError(model, knob, knob + "=" + value);
    }

    /** As above for a combination of knobs given as {@code name=value}, of which {@code knob} is the culprit. */
    static KnobException assertCombinationError(String model, String knob, String... knobAssignments) {
        KnobException e = assertThrows(KnobException.class,
                () -> Catalog.standard().resolve(model, overrides(knobAssignments)).build());
        assertEquals(knob, e.knob());
        assertTrue(e.getMessage().startsWith("knob '" + knob + "': "), e.getMessage());
        return e;
    }

    private static Map<String, String> overrides(String... assignments) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String a : assignments) {
            String[] kv = a.split("=", 2);
            overrides.put(kv[0], kv[1]);
        }
        return overrides;
    }

    LayerCost totals() {
        return analysis.totals();
    }

    Layer layer(String name) {
        return net.layer(index(name));
    }

    LayerCost cost(String name) {
        return analysis.layer(index(name));
    }

    Shape shape(String name) {
        return net.outputShape(index(name));
    }

    /** Whether the net has a layer of this name. */
    boolean has(String name) {
        return net.indexOf(name) >= 0;
    }

    /** The summed cost of a block and the blocks inside it. */
    LayerCost blockCost(String block) {
        return analysis.blockTotals(block);
    }

    /** How many layers have this op kind ({@code conv}, {@code add}, ...). */
    long count(String kind) {
        return net.layers().stream().filter(l -> l.op().kind().equals(kind)).count();
    }

    private int index(String name) {
        int i = net.indexOf(name);
        if (i < 0) {
            throw new AssertionError("no layer '" + name + "' in " + net.name());
        }
        return i;
    }
}
