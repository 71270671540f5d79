package io.archexplorer.engine.analysis;

import io.archexplorer.engine.graph.Net;
import java.util.List;

/** Per-layer and total cost figures of a net; see {@link CostAnalysis} for the counting conventions. */
public final class Analysis {
    private final Net net;
    private final List<LayerCost> layers;
    private final LayerCost totals;
    private final int unknownLayers;

    Analysis(Net net, List<LayerCost> layers, LayerCost totals, int unknownLayers) {
        this.net = net;
        this.layers = layers;
        this.totals = totals;
        this.unknownLayers = unknownLayers;
    }

    /** Layers whose output shape is unknown; they count 0 in every figure, so the totals leave them out. */
    public int unknownLayers() {
        return unknownLayers;
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
