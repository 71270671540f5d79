package io.archexplorer.engine.analysis;

import io.archexplorer.engine.graph.Net;
import java.util.List;

/** Per-layer and total cost figures of a net; see {@link CostAnalysis} for the counting conventions. */
public final class Analysis {
    private final Net net;
    private final List<LayerCost> layers;
    private final LayerCost totals;

    Analysis(Net net, List<LayerCost> layers, LayerCost totals) {
        this.net = net;
        this.layers = layers;
        this.totals = totals;
    }

    public Net net() {
        return net;
    }

    /** The cost of layer i of {@link #net()}. */
    public LayerCost layer(int i) {
        return layers.get(i);
    }

    public List<LayerCost> layers() {
        return layers;
    }

    public LayerCost totals() {
        return totals;
    }

    /** Sum over the layers whose block is {@code block} or nested inside it. */
    public LayerCost blockTotals(String block) {
        LayerCost sum = LayerCost.ZERO;
        String nested = block + ".";
        for (int i = 0; i < layers.size(); i++) {
            String b = net.layer(i).block();
            if (b.equals(block) || b.startsWith(nested)) {
                sum = sum.plus(layers.get(i));
            }
        }
        return sum;
    }
}
