package io.archexplorer.layouts;

/**
 * Phase 3b: layer-by-layer barycenter sweeps, alternately down (ordering each rank by its upper
 * neighbours) and up, each followed by transpositions. Keeps the best ordering seen and stops after
 * a few sweeps without improvement (as dagre does), or at a sweep cap that bounds the run time.
 */
final class CrossingReduction {
    private static final int PATIENCE = 4;
    private static final int MAX_SWEEPS = 24;

    private CrossingReduction() {
    }

    static Ordering minimize(LayeredGraph graph, Ordering start, LayerSorter sorter, boolean[] pinned) {
        LayerCrossings crossings = new LayerCrossings(graph);
        Ordering current = start;
        Ordering best = start.copy();
        long bestCount = crossings.count(current);
        double[] key = new double[graph.nodeCount];
        for (int sweep = 0, sinceBest = 0; sweep < MAX_SWEEPS && sinceBest < PATIENCE && bestCount > 0; sweep++) {
            boolean downward = sweep % 2 == 0;
            boolean biasRight = sweep % 4 >= 2;
            int[][] layers = current.layers;
            if (downward) {
                for (int r = 1; r < layers.length; r++) {
                    sortByBarycenter(layers[r], graph.up, current, key, sorter, biasRight);
                }
            } else {
                for (int r = layers.length - 2; r >= 0; r--) {
                    sortByBarycenter(layers[r], graph.down, current, key, sorter, biasRight);
                }
            }
            Transposition.run(graph, current, pinned);
            long count = crossings.count(current);
            if (count < bestCount) {
                bestCount = count;
                best.copyFrom(current);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
        }
        return best;
    }

    /** A node without neighbours on the fixed side inherits its left neighbour's key, so it stays near it. */
    private static void sortByBarycenter(int[] layer, Csr fixedSide, Ordering order, double[] key,
                                         LayerSorter sorter, boolean biasRight) {
        int[] position = order.position;
        double previousKey = Double.NEGATIVE_INFINITY;
        for (int v : layer) {
            int begin = fixedSide.offsets[v];
            int end = fixedSide.offsets[v + 1];
            if (begin == end) {
                key[v] = previousKey;
                continue;
            }
            long sum = 0;
            for (int i = begin; i < end; i++) {
                sum += position[fixedSide.neighbors[i]];
            }
            key[v] = (double) sum / (end - begin);
            previousKey = key[v];
        }
        sorter.sort(layer, key, position, biasRight);
        order.renumber(layer);
    }
}
