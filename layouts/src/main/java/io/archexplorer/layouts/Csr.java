package io.archexplorer.layouts;

/**
 * Adjacency in compressed-sparse-row form: the neighbours of node v are
 * {@code neighbors[offsets[v] .. offsets[v + 1])}, each with the index of the edge that links them.
 * Two flat int arrays instead of per-node lists: no boxing, one cache-friendly scan per node.
 */
final class Csr {
    final int[] offsets;
    final int[] neighbors;
    final int[] edges;

    private Csr(int[] offsets, int[] neighbors, int[] edges) {
        this.offsets = offsets;
        this.neighbors = neighbors;
        this.edges = edges;
    }

    /** Neighbours along {@code from[e] -> to[e]}, in edge order (a counting sort keeps it stable). */
    static Csr of(int nodeCount, int[] from, int[] to, int edgeCount) {
        int[] offsets = new int[nodeCount + 1];
        for (int e = 0; e < edgeCount; e++) {
            offsets[from[e] + 1]++;
        }
        for (int v = 0; v < nodeCount; v++) {
            offsets[v + 1] += offsets[v];
        }
        int[] fill = java.util.Arrays.copyOf(offsets, nodeCount);
        int[] neighbors = new int[edgeCount];
        int[] edges = new int[edgeCount];
        for (int e = 0; e < edgeCount; e++) {
            int slot = fill[from[e]]++;
            neighbors[slot] = to[e];
            edges[slot] = e;
        }
        return new Csr(offsets, neighbors, edges);
    }

    int degree(int v) {
        return offsets[v + 1] - offsets[v];
    }
}
