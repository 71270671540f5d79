package io.archexplorer.layouts;

/**
 * Crossings of an ordering, summed over all pairs of consecutive ranks (dummy segments included).
 * Reuses its scratch arrays, since crossing reduction counts after every sweep.
 */
final class LayerCrossings {
    private final LayeredGraph graph;
    private final AccumulatorTree tree = new AccumulatorTree();
    private int[] bucketStart = new int[16];
    private int[] lowerPositions = new int[16];

    LayerCrossings(LayeredGraph graph) {
        this.graph = graph;
    }

    long count(Ordering order) {
        long total = 0;
        for (int r = 0; r + 1 < order.layers.length; r++) {
            total += countBetween(order.layers[r], order.layers[r + 1], order.position);
        }
        return total;
    }

    /**
     * Puts the segments in (upper position, lower position) order with one counting sort: visiting
     * the lower layer left to right and dropping each segment into its upper end's bucket leaves
     * every bucket already sorted by lower position.
     */
    private long countBetween(int[] upper, int[] lower, int[] position) {
        Csr up = graph.up;
        if (bucketStart.length < upper.length + 1) {
            bucketStart = new int[2 * upper.length + 1];
        }
        java.util.Arrays.fill(bucketStart, 0, upper.length + 1, 0);
        int segments = 0;
        for (int v : lower) {
            for (int i = up.offsets[v]; i < up.offsets[v + 1]; i++) {
                bucketStart[position[up.neighbors[i]] + 1]++;
                segments++;
            }
        }
        if (segments < 2) {
            return 0;
        }
        for (int k = 0; k < upper.length; k++) {
            bucketStart[k + 1] += bucketStart[k];
        }
        if (lowerPositions.length < segments) {
            lowerPositions = new int[2 * segments];
        }
        for (int v : lower) {
            int lowerPosition = position[v];
            for (int i = up.offsets[v]; i < up.offsets[v + 1]; i++) {
                lowerPositions[bucketStart[position[up.neighbors[i]]]++] = lowerPosition;
            }
        }
        return tree.countInversions(lowerPositions, segments, lower.length);
    }
}
