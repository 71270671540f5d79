package io.archexplorer.layouts;

/**
 * Phase 3a: a starting order. Depth-first from the sources (dagre's initOrder) keeps each path's
 * nodes at similar places across ranks; nodes a previous layout placed then take their old
 * relative order among the slots they occupy; finally compounds are made contiguous.
 * <p>
 * Sweeps only find a local optimum near their start, so there are two starts that differ in which
 * side long edges take: visiting a node's dummy successors first puts its long edges to the left
 * of its short ones, visiting them last puts them to the right. Neither wins everywhere: long
 * edges first untangles split/concat patterns (ShuffleNet: 13 crossings down to 0), short edges
 * first suits dense blocks (DenseNet: about 7,450 against 7,850).
 */
final class InitialOrder {
    private InitialOrder() {
    }

    static Ordering build(LayeredGraph graph, StabilityHint hint, LayerSorter sorter, boolean longEdgesFirst) {
        Ordering order = new Ordering(depthFirstLayers(graph, longEdgesFirst), graph.nodeCount);
        double[] key = new double[graph.nodeCount];
        for (int[] layer : order.layers) {
            reorderPinned(layer, hint, order.position);
            order.renumber(layer);
            for (int v : layer) {
                key[v] = order.position[v];
            }
            sorter.sort(layer, key, order.position, false);
            order.renumber(layer);
        }
        return order;
    }

    private static int[][] depthFirstLayers(LayeredGraph graph, boolean longEdgesFirst) {
        int[] size = new int[graph.rankCount];
        for (int v = 0; v < graph.nodeCount; v++) {
            size[graph.rank[v]]++;
        }
        int[][] layers = new int[graph.rankCount][];
        for (int r = 0; r < graph.rankCount; r++) {
            layers[r] = new int[size[r]];
        }
        int[] filled = new int[graph.rankCount];
        boolean[] visited = new boolean[graph.nodeCount];
        int[] stack = new int[graph.nodeCount + graph.down.neighbors.length];
        Csr down = graph.down;
        for (int start : realNodesByRank(graph)) {
            int top = 0;
            stack[top++] = start;
            while (top > 0) {
                int v = stack[--top];
                if (visited[v]) {
                    continue;
                }
                visited[v] = true;
                layers[graph.rank[v]][filled[graph.rank[v]]++] = v;
                // The last push is visited first, so the successors to visit first are pushed last,
                // each group in reverse so that the first successor comes first, as in a recursive DFS.
                for (int pass = 0; pass < 2; pass++) {
                    boolean pushDummies = (pass == 1) == longEdgesFirst;
                    for (int i = down.offsets[v + 1] - 1; i >= down.offsets[v]; i--) {
                        int w = down.neighbors[i];
                        if (!visited[w] && graph.isDummy(w) == pushDummies) {
                            stack[top++] = w;
                        }
                    }
                }
            }
        }
        return layers;
    }

    private static int[] realNodesByRank(LayeredGraph graph) {
        int[] start = new int[graph.rankCount + 1];
        for (int v = 0; v < graph.realCount; v++) {
            start[graph.rank[v] + 1]++;
        }
        for (int r = 0; r < graph.rankCount; r++) {
            start[r + 1] += start[r];
        }
        int[] nodes = new int[graph.realCount];
        for (int v = 0; v < graph.realCount; v++) {
            nodes[start[graph.rank[v]]++] = v;
        }
        return nodes;
    }

    private static void reorderPinned(int[] layer, StabilityHint hint, int[] position) {
        int pinnedCount = 0;
        for (int v : layer) {
            if (hint.pinned[v]) {
                pinnedCount++;
            }
        }
        if (pinnedCount < 2) {
            return;
        }
        int[] pinnedNodes = new int[pinnedCount];
        int k = 0;
        for (int v : layer) {
            if (hint.pinned[v]) {
                pinnedNodes[k++] = v;
            }
        }
        double[] previous = hint.previousCross;
        IntSort.sort(pinnedNodes, 0, pinnedCount, (a, b) -> {
            int byPrevious = Double.compare(previous[a], previous[b]);
            return byPrevious != 0 ? byPrevious : position[a] - position[b];
        });
        k = 0;
        for (int i = 0; i < layer.length; i++) {
            if (hint.pinned[layer[i]]) {
                layer[i] = pinnedNodes[k++];
            }
        }
    }
}
