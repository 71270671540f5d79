package io.archexplorer.layouts;

/** Phase 0: the input must be a DAG. Kahn's algorithm doubles as the topological order ranking needs. */
final class CycleCheck {
    private CycleCheck() {
    }

    /**
     * Returns the nodes in a topological order (ties by index, so deterministic).
     *
     * @throws CyclicGraphException naming a node on a cycle
     */
    static int[] topologicalOrder(LayoutGraph graph, Csr out) {
        int n = graph.nodeCount();
        int[] inDegree = new int[n];
        for (int target : graph.edgeTargets) {
            inDegree[target]++;
        }
        int[] order = new int[n];
        int tail = 0;
        for (int v = 0; v < n; v++) {
            if (inDegree[v] == 0) {
                order[tail++] = v;
            }
        }
        for (int head = 0; head < tail; head++) {
            int v = order[head];
            for (int i = out.offsets[v]; i < out.offsets[v + 1]; i++) {
                int w = out.neighbors[i];
                if (--inDegree[w] == 0) {
                    order[tail++] = w;
                }
            }
        }
        if (tail < n) {
            throw new CyclicGraphException(graph.nodeId(nodeOnCycle(inDegree, out)));
        }
        return order;
    }

    /**
     * A node Kahn could not remove still counts an in-edge from another such node. So following
     * those predecessors backwards never stops, and the first node met twice lies on a cycle.
     */
    private static int nodeOnCycle(int[] remainingInDegree, Csr out) {
        int n = remainingInDegree.length;
        int[] blockedPredecessor = new int[n];
        java.util.Arrays.fill(blockedPredecessor, -1);
        for (int u = 0; u < n; u++) {
            if (remainingInDegree[u] == 0) {
                continue;
            }
            for (int i = out.offsets[u]; i < out.offsets[u + 1]; i++) {
                int w = out.neighbors[i];
                if (remainingInDegree[w] > 0 && blockedPredecessor[w] < 0) {
                    blockedPredecessor[w] = u;
                }
            }
        }
        int v = 0;
        while (remainingInDegree[v] == 0) {
            v++;
        }
        boolean[] seen = new boolean[n];
        while (!seen[v]) {
            seen[v] = true;
            v = blockedPredecessor[v];
        }
        return v;
    }
}
