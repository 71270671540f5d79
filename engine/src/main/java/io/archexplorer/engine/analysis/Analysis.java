package io.archexplorer.engine.analysis;

import io.archexplorer.engine.graph.BlockNames;
import io.archexplorer.engine.graph.Net;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per-layer and total cost figures of a net; see {@link CostAnalysis} for the counting conventions. */
public final class Analysis {
    private final Net net;
    private final List<LayerCost> layers;
    private final LayerCost totals;
    private final int unknownLayers;
    /** Computed on first use; racing threads compute equal maps, so no lock is needed. */
    private volatile Map<String, LayerCost> blockTotals;

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
        return allBlockTotals().getOrDefault(block, LayerCost.ZERO);
    }

    /**
     * Every block's totals, nested blocks included in their parents, computed once in one pass over the layers:
     * views that show all subtotals (the layer table, collapsed boxes) stay linear in the net's size.
     */
    public Map<String, LayerCost> allBlockTotals() {
        Map<String, LayerCost> sums = blockTotals;
        if (sums == null) {
            sums = new HashMap<>();
            for (int i = 0; i < layers.size(); i++) {
                String block = net.layer(i).block();
                while (!block.isEmpty()) {
                    sums.merge(block, layers.get(i), LayerCost::plus);
                    block = BlockNames.parent(block);
                }
            }
            sums = Collections.unmodifiableMap(sums);
            blockTotals = sums;
        }
        return sums;
    }
}
