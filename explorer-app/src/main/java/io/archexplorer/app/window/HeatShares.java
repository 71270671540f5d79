package io.archexplorer.app.window;

import io.archexplorer.app.diagram.Diagram;
import io.archexplorer.app.study.Measurement;
import io.archexplorer.app.study.Variant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/** Each box's share of the net's mult-adds, MAC or measured time: what the heat-map overlay colours by. */
final class HeatShares {
    private HeatShares() {
    }

    /** @return box id → share 0..1; empty for {@link Overlay#TIME} until the variant is measured */
    static Map<String, Double> of(Overlay overlay, Diagram d, Variant v, Measurement m) {
        IntToDoubleFunction perLayer = switch (overlay) {
            case MULT_ADDS -> i -> v.analysis().layer(i).multAdds();
            case MAC -> i -> v.analysis().layer(i).mac();
            case TIME -> {
                if (m == null || m.variant() != v) {
                    yield null;
                }
                double[] ms = m.layerMillis();
                yield i -> ms[i];
            }
            case OP_TYPE -> null;
        };
        if (perLayer == null) {
            return Map.of();
        }
        double total = 0;
        for (int i = 0; i < v.net().size(); i++) {
            total += perLayer.applyAsDouble(i);
        }
        Map<String, Double> shares = new HashMap<>();
        for (Diagram.Node n : d.nodes()) {
            double sum = 0;
            for (int i : n.layers()) {
                sum += perLayer.applyAsDouble(i);
            }
            shares.put(n.id(), total > 0 ? sum / total : 0);
        }
        return shares;
    }
}
