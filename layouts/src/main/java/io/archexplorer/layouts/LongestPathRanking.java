package io.archexplorer.layouts;

/** Phase 1a: a feasible ranking, every node as high as its predecessors allow. */
final class LongestPathRanking {
    private LongestPathRanking() {
    }

    static int[] rank(int nodeCount, Csr out, int[] topologicalOrder) {
        int[] rank = new int[nodeCount];
        for (int v : topologicalOrder) {
            int below = rank[v] + 1;
            for (int i = out.offsets[v]; i < out.offsets[v + 1]; i++) {
                int w = out.neighbors[i];
                if (rank[w] < below) {
                    rank[w] = below;
                }
            }
        }
        return rank;
    }
}
