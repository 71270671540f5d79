package io.archexplorer.layouts;

/**
 * Phase 3c: swaps neighbours in a rank while that removes crossings (Gansner et al.'s transpose).
 * Only swaps that keep compounds contiguous (same innermost compound) and pinned nodes in their
 * order (not both pinned) are tried. The pair count is a plain double loop over the two nodes'
 * neighbour positions: nearly all pairs involve a dummy of degree one, so this beats sorting.
 */
final class Transposition {
    private static final int MAX_ROUNDS = 8;

    private Transposition() {
    }

    static void run(LayeredGraph graph, Ordering order, boolean[] pinned) {
        int[] position = order.position;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean improved = false;
            for (int[] layer : order.layers) {
                for (int i = 0; i + 1 < layer.length; i++) {
                    int u = layer[i];
                    int v = layer[i + 1];
                    if (graph.compound[u] != graph.compound[v] || (pinned[u] && pinned[v])) {
                        continue;
                    }
                    long counts = pairCrossings(graph.up, u, v, position) + pairCrossings(graph.down, u, v, position);
                    int asIs = (int) (counts >>> 32);
                    int swapped = (int) counts;
                    if (swapped < asIs) {
                        layer[i] = v;
                        layer[i + 1] = u;
                        position[v] = i;
                        position[u] = i + 1;
                        improved = true;
                    }
                }
            }
            if (!improved) {
                return;
            }
        }
    }

    /** Crossings with u left of v (high 32 bits) and with v left of u (low 32 bits), in one long to avoid allocation. */
    private static long pairCrossings(Csr side, int u, int v, int[] position) {
        long asIs = 0;
        long swapped = 0;
        for (int i = side.offsets[u]; i < side.offsets[u + 1]; i++) {
            int pu = position[side.neighbors[i]];
            for (int j = side.offsets[v]; j < side.offsets[v + 1]; j++) {
                int pv = position[side.neighbors[j]];
                if (pu > pv) {
                    asIs++;
                } else if (pu < pv) {
                    swapped++;
                }
            }
        }
        return (asIs << 32) + swapped;
    }
}
