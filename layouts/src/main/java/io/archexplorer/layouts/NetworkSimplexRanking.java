package io.archexplorer.layouts;

import java.util.Arrays;

/**
 * Phase 1b: network simplex (Gansner et al., "A Technique for Drawing Directed Graphs", 1993)
 * turns a feasible ranking into one of minimum total edge length, i.e. compact ranks with few
 * dummy nodes. Parallel edges are merged into one weighted edge first, so that between two nodes
 * there is at most one tree edge. A disconnected input gets one spanning tree per component.
 */
final class NetworkSimplexRanking {
    private final int n;
    private final int m;
    private final int[] source;
    private final int[] target;
    private final int[] weight;
    /** Both directions of every edge, so a node's tree neighbours are found by one CSR scan. */
    private final Csr incident;
    private final int[] rank;

    private final boolean[] treeEdge;
    private final int[] roots;
    private int rootCount;
    private final int[] parent;
    private final int[] parentEdge;
    private final int[] low;
    private final int[] lim;
    private final int[] postorder;
    private final int[] cutValue;
    private final int[] stackNode;
    private final int[] stackCursor;

    private NetworkSimplexRanking(int nodeCount, int[] edgeSources, int[] edgeTargets, int[] rank) {
        n = nodeCount;
        this.rank = rank;
        long[] pairs = new long[edgeSources.length];
        for (int e = 0; e < pairs.length; e++) {
            pairs[e] = ((long) edgeSources[e] << 32) | edgeTargets[e];
        }
        Arrays.sort(pairs);
        int distinct = 0;
        int[] src = new int[pairs.length];
        int[] tgt = new int[pairs.length];
        int[] w = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0 && pairs[i] == pairs[i - 1]) {
                w[distinct - 1]++;
                continue;
            }
            src[distinct] = (int) (pairs[i] >>> 32);
            tgt[distinct] = (int) pairs[i];
            w[distinct] = 1;
            distinct++;
        }
        m = distinct;
        source = src;
        target = tgt;
        weight = w;
        int[] from = new int[2 * m];
        int[] to = new int[2 * m];
        for (int e = 0; e < m; e++) {
            from[e] = src[e];
            to[e] = tgt[e];
            from[m + e] = tgt[e];
            to[m + e] = src[e];
        }
        incident = Csr.of(n, from, to, 2 * m);
        treeEdge = new boolean[m];
        roots = new int[n];
        parent = new int[n];
        parentEdge = new int[n];
        low = new int[n];
        lim = new int[n];
        postorder = new int[n];
        cutValue = new int[n];
        stackNode = new int[n];
        stackCursor = new int[n];
    }

    /** Improves {@code rank} (feasible: every edge points to a higher rank) in place; ranks start at 0 per component. */
    static void tighten(int nodeCount, int[] edgeSources, int[] edgeTargets, int[] rank) {
        NetworkSimplexRanking simplex = new NetworkSimplexRanking(nodeCount, edgeSources, edgeTargets, rank);
        simplex.buildFeasibleTree();
        simplex.pivotUntilOptimal();
        simplex.normalizePerComponent();
    }

    private int edgeId(int incidentSlot) {
        int e = incident.edges[incidentSlot];
        return e < m ? e : e - m;
    }

    private int slack(int e) {
        return rank[target[e]] - rank[source[e]] - 1;
    }

    /**
     * Grows a tree of tight edges; when it cannot grow, shifts the whole tree by the smallest slack
     * of an edge leaving it, which makes that edge tight, takes it in, and grows on from its new end.
     */
    private void buildFeasibleTree() {
        int[] component = new int[n];
        Arrays.fill(component, -1);
        int[] members = new int[n];
        for (int start = 0; start < n; start++) {
            if (component[start] >= 0) {
                continue;
            }
            int c = rootCount;
            roots[rootCount++] = start;
            int count = 0;
            members[count++] = start;
            component[start] = c;
            int grown = 0;
            while (true) {
                for (; grown < count; grown++) {
                    int v = members[grown];
                    for (int i = incident.offsets[v]; i < incident.offsets[v + 1]; i++) {
                        int w = incident.neighbors[i];
                        int e = edgeId(i);
                        if (component[w] < 0 && slack(e) == 0) {
                            component[w] = c;
                            treeEdge[e] = true;
                            members[count++] = w;
                        }
                    }
                }
                int best = -1;
                int bestSlack = Integer.MAX_VALUE;
                for (int k = 0; k < count; k++) {
                    int v = members[k];
                    for (int i = incident.offsets[v]; i < incident.offsets[v + 1]; i++) {
                        int e = edgeId(i);
                        if (component[incident.neighbors[i]] < 0 && slack(e) < bestSlack) {
                            bestSlack = slack(e);
                            best = e;
                        }
                    }
                }
                if (best < 0) {
                    break;
                }
                boolean sourceInTree = component[source[best]] == c;
                int delta = sourceInTree ? bestSlack : -bestSlack;
                for (int k = 0; k < count; k++) {
                    rank[members[k]] += delta;
                }
                int joining = sourceInTree ? target[best] : source[best];
                component[joining] = c;
                treeEdge[best] = true;
                members[count++] = joining;
            }
        }
    }

    private void pivotUntilOptimal() {
        indexTree();
        computeCutValues();
        // Cycling is possible in theory with degenerate pivots; the cap keeps the run time bounded.
        int maxPivots = 4 * n + 16;
        for (int pivot = 0; pivot < maxPivots; pivot++) {
            int leaving = leavingChild();
            if (leaving < 0) {
                return;
            }
            int entering = enteringEdge(leaving);
            if (entering < 0) {
                return;
            }
            treeEdge[parentEdge[leaving]] = false;
            treeEdge[entering] = true;
            indexTree();
            updateRanks();
            computeCutValues();
        }
    }

    /** Parent links, and postorder numbers (lim) with subtree minima (low) for O(1) descendant tests. */
    private void indexTree() {
        int nextLim = 0;
        for (int r = 0; r < rootCount; r++) {
            int root = roots[r];
            parent[root] = -1;
            parentEdge[root] = -1;
            int top = 0;
            stackNode[0] = root;
            stackCursor[0] = incident.offsets[root];
            low[root] = nextLim;
            while (top >= 0) {
                int v = stackNode[top];
                int cursor = stackCursor[top];
                if (cursor < incident.offsets[v + 1]) {
                    stackCursor[top] = cursor + 1;
                    int e = edgeId(cursor);
                    int w = incident.neighbors[cursor];
                    if (treeEdge[e] && e != parentEdge[v]) {
                        parent[w] = v;
                        parentEdge[w] = e;
                        low[w] = nextLim;
                        top++;
                        stackNode[top] = w;
                        stackCursor[top] = incident.offsets[w];
                    }
                } else {
                    lim[v] = nextLim;
                    postorder[nextLim++] = v;
                    top--;
                }
            }
        }
    }

    /** Children before parents: each tree edge's cut value follows from its child's incident edges. */
    private void computeCutValues() {
        for (int k = 0; k < n; k++) {
            int child = postorder[k];
            int up = parent[child];
            if (up < 0) {
                continue;
            }
            int pe = parentEdge[child];
            boolean childIsTail = source[pe] == child;
            int cut = weight[pe];
            for (int i = incident.offsets[child]; i < incident.offsets[child + 1]; i++) {
                int other = incident.neighbors[i];
                if (other == up) {
                    continue;
                }
                int e = edgeId(i);
                boolean pointsToHead = (source[e] == child) == childIsTail;
                cut += pointsToHead ? weight[e] : -weight[e];
                if (treeEdge[e] && parent[other] == child) {
                    cut += pointsToHead ? -cutValue[other] : cutValue[other];
                }
            }
            cutValue[child] = cut;
        }
    }

    private int leavingChild() {
        for (int v = 0; v < n; v++) {
            if (parent[v] >= 0 && cutValue[v] < 0) {
                return v;
            }
        }
        return -1;
    }

    private boolean inSubtree(int v, int subtreeRoot) {
        return low[subtreeRoot] <= lim[v] && lim[v] <= lim[subtreeRoot];
    }

    /** The tightest non-tree edge that reconnects the two halves, crossing the cut the other way. */
    private int enteringEdge(int leavingChild) {
        boolean flip = source[parentEdge[leavingChild]] != leavingChild;
        int best = -1;
        int bestSlack = Integer.MAX_VALUE;
        for (int e = 0; e < m; e++) {
            if (flip == inSubtree(source[e], leavingChild) && flip != inSubtree(target[e], leavingChild)) {
                int s = slack(e);
                if (s < bestSlack) {
                    bestSlack = s;
                    best = e;
                }
            }
        }
        return best;
    }

    /** Tree edges are tight, so ranks follow from each root down the tree (reverse postorder is a preorder). */
    private void updateRanks() {
        for (int k = n - 1; k >= 0; k--) {
            int v = postorder[k];
            int up = parent[v];
            if (up >= 0) {
                rank[v] = source[parentEdge[v]] == up ? rank[up] + 1 : rank[up] - 1;
            }
        }
    }

    private void normalizePerComponent() {
        int[] minimum = new int[n];
        for (int k = 0, start = 0; k < n; k++) {
            int v = postorder[k];
            if (parent[v] < 0) {
                int min = Integer.MAX_VALUE;
                for (int j = start; j <= k; j++) {
                    min = Math.min(min, rank[postorder[j]]);
                }
                for (int j = start; j <= k; j++) {
                    minimum[postorder[j]] = min;
                }
                start = k + 1;
            }
        }
        for (int v = 0; v < n; v++) {
            rank[v] -= minimum[v];
        }
    }
}
