package io.archexplorer.app.window;

import io.archexplorer.app.diagram.Diagram;
import io.archexplorer.app.report.Numbers;
import io.archexplorer.app.study.Measurement;
import io.archexplorer.app.study.Variant;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.runtime.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the window says about a box: its op and attributes, shapes in and out, params, mult-adds, MAC and measured
 * time, as label/value rows. The hover tooltip and the details panel both show these rows.
 */
final class LayerFacts {
    /** One row: a label and its value. */
    record Fact(String label, String value) {
    }

    private LayerFacts() {
    }

    /** @param m the current measurement, or null */
    static List<Fact> of(Diagram.Node node, Variant v, Measurement m) {
        Net net = v.net();
        double[] times = m == null || m.variant() != v ? null : m.layerMillis();
        List<Fact> facts = new ArrayList<>();
        LayerCost cost = LayerCost.ZERO;
        double ms = 0;
        for (int i : node.layers()) {
            cost = cost.plus(v.analysis().layer(i));
            ms += times == null ? 0 : times[i];
        }
        if (node.isBlock()) {
            facts.add(new Fact("block", node.id()));
            facts.add(new Fact("layers", Integer.toString(node.layers().size())));
        } else {
            int head = node.layers().get(0);
            Layer layer = net.layer(head);
            facts.add(new Fact("layer", layer.name()));
            facts.add(new Fact("op", (layer.op().kind() + " " + layer.op().attributesSummary()).trim()));
            if (!layer.block().isEmpty()) {
                facts.add(new Fact("block", layer.block()));
            }
            if (node.layers().size() > 1) {
                facts.add(new Fact("with", node.layers().subList(1, node.layers().size()).stream()
                        .map(i -> net.layer(i).op().kind()).collect(Collectors.joining(" + "))));
            }
            facts.add(new Fact("input", net.inputShapes(head).stream().map(Shape::perImage)
                    .collect(Collectors.joining(", "))));
            facts.add(new Fact("output", net.outputShape(node.layers().get(node.layers().size() - 1)).perImage()));
        }
        facts.add(new Fact("params", Numbers.grouped(cost.params())));
        facts.add(new Fact("mult-adds", Numbers.grouped(cost.multAdds())));
        facts.add(new Fact("MAC", Numbers.grouped(cost.mac())));
        if (times != null) {
            facts.add(new Fact("time", String.format(Locale.ROOT, "%.3f ms (%.1f %% of the run)", ms,
                    100 * ms / m.profile().medianMs())));
            if (cost.multAdds() > 0 && ms > 0) {
                facts.add(new Fact("speed", String.format(Locale.ROOT, "%.1f GFLOP/s",
                        Profile.gflopsOf(cost.multAdds() * m.settings().batch(), ms))));
            }
        }
        return facts;
    }

    /** The rows as aligned text, e.g. for a tooltip. */
    static String text(List<Fact> facts) {
        int width = facts.stream().mapToInt(f -> f.label().length()).max().orElse(0);
        return facts.stream().map(f -> String.format(Locale.ROOT, "%-" + width + "s  %s", f.label(), f.value()))
                .collect(Collectors.joining("\n"));
    }
}
