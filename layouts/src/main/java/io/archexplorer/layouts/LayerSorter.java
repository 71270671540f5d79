package io.archexplorer.layouts;

/**
 * Sorts one rank by a key per node (a barycenter, or an initial position) under two constraints:
 * <ul>
 *   <li>members of a compound stay contiguous: siblings in the compound tree are ordered by their
 *       own key, a compound's key being the mean key of its members in this rank;</li>
 *   <li>pinned nodes (those a previous layout placed) keep their relative order: their keys are
 *       first made non-decreasing by pool-adjacent-violators, the closest monotone fit.</li>
 * </ul>
 * Ties go by current position (or reversed, to let alternating sweeps escape local optima), which
 * keeps the result deterministic.
 */
final class LayerSorter {
    private final LayeredGraph graph;
    private final boolean[] pinned;
    private final boolean anyPinned;
    private final CompoundTree compounds;
    // Per-compound sums for the current rank; reset after each sort by walking the same nodes.
    private final double[] keySum;
    private final int[] memberCount;
    private final double[] pinnedKeySum;
    private final int[] pinnedCount;
    private final int[] firstPosition;
    private final int[] firstPinnedPosition;
    private final double[] groupKey;
    private final int[] groupTie;
    private static final int TIE_BITS = 22;
    private static final long TIE_MASK = (1L << TIE_BITS) - 1;
    private static final double KEY_SCALE = 1 << 20;
    /** Keys are below the largest rank's size, so below 2^19 key * 2^20 + 1 stays under 2^40 and fits with the tie in 62 bits. */
    private static final int MAX_PACKED_RANK_SIZE = 1 << 19;
    private final boolean packedKeysFit;
    private long[] packed = new long[16];
    private int[] unsorted = new int[16];
    private double[] pooledKey = new double[16];
    private int[] pooledCount = new int[16];

    private double[] key;
    private int[] position;
    private boolean biasRight;

    LayerSorter(LayeredGraph graph, boolean[] pinned) {
        this.graph = graph;
        this.pinned = pinned;
        boolean any = false;
        for (boolean p : pinned) {
            any |= p;
        }
        anyPinned = any;
        int[] rankSize = new int[graph.rankCount];
        int largest = 0;
        for (int v = 0; v < graph.nodeCount; v++) {
            largest = Math.max(largest, ++rankSize[graph.rank[v]]);
        }
        packedKeysFit = largest <= MAX_PACKED_RANK_SIZE;
        compounds = graph.compounds;
        int c = compounds.count();
        keySum = new double[c];
        memberCount = new int[c];
        pinnedKeySum = new double[c];
        pinnedCount = new int[c];
        firstPosition = new int[c];
        firstPinnedPosition = new int[c];
        groupKey = new double[c];
        groupTie = new int[c];
        java.util.Arrays.fill(firstPosition, Integer.MAX_VALUE);
        java.util.Arrays.fill(firstPinnedPosition, Integer.MAX_VALUE);
    }

    /** Reorders {@code layer} in place; {@code key} may be adjusted for pinned nodes. */
    void sort(int[] layer, double[] key, int[] position, boolean biasRight) {
        this.key = key;
        this.position = position;
        this.biasRight = biasRight;
        if (anyPinned) {
            makePinnedKeysMonotone(layer);
        }
        boolean flat = compounds.count() == 0 || inOneCompound(layer);
        if (flat && packedKeysFit && !(anyPinned && biasRight)) {
            sortPacked(layer);
            return;
        }
        if (flat) {
            IntSort.sort(layer, 0, layer.length, this::compareNodes);
            return;
        }
        accumulateGroups(layer);
        IntSort.sort(layer, 0, layer.length, this::compareInCompoundTree);
        resetGroups(layer);
    }

    private boolean inOneCompound(int[] layer) {
        int[] compound = graph.compound;
        for (int v : layer) {
            if (compound[v] != compound[layer[0]]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The hot path of every sweep: (key, tie) packed into one long per node and sorted with
     * {@link java.util.Arrays#sort(long[], int, int)}, with no comparator calls at all. The key is
     * quantised to 2^-20 (barycenters closer than that count as equal and fall to the tie), and
     * the tie is the current position, reversed when biased right. Layers are in position order
     * on entry, so the tie also tells which node a packed value belongs to.
     */
    private void sortPacked(int[] layer) {
        int size = layer.length;
        if (packed.length < size) {
            packed = new long[Math.max(size, 2 * packed.length)];
            unsorted = new int[packed.length];
        }
        for (int i = 0; i < size; i++) {
            double k = key[layer[i]];
            long quantized = k == Double.NEGATIVE_INFINITY ? 0 : 1 + (long) (k * KEY_SCALE);
            int tie = biasRight ? size - 1 - i : i;
            packed[i] = (quantized << TIE_BITS) | tie;
        }
        java.util.Arrays.sort(packed, 0, size);
        System.arraycopy(layer, 0, unsorted, 0, size);
        for (int i = 0; i < size; i++) {
            int tie = (int) (packed[i] & TIE_MASK);
            layer[i] = unsorted[biasRight ? size - 1 - tie : tie];
        }
    }

    private int compareNodes(int u, int v) {
        int byKey = Double.compare(key[u], key[v]);
        if (byKey != 0) {
            return byKey;
        }
        boolean keepOrder = !biasRight || (pinned[u] && pinned[v]);
        return keepOrder ? position[u] - position[v] : position[v] - position[u];
    }

    /** Pool adjacent violators over the pinned nodes, taken in their current (required) order. */
    private void makePinnedKeysMonotone(int[] layer) {
        if (pooledKey.length < layer.length) {
            pooledKey = new double[layer.length];
            pooledCount = new int[layer.length];
        }
        int pools = 0;
        for (int v : layer) {
            if (!pinned[v]) {
                continue;
            }
            double mean = key[v];
            int count = 1;
            while (pools > 0 && pooledKey[pools - 1] > mean) {
                pools--;
                mean = (pooledKey[pools] * pooledCount[pools] + mean * count) / (pooledCount[pools] + count);
                count += pooledCount[pools];
            }
            pooledKey[pools] = mean;
            pooledCount[pools++] = count;
        }
        int pool = 0;
        int usedInPool = 0;
        for (int v : layer) {
            if (!pinned[v]) {
                continue;
            }
            key[v] = pooledKey[pool];
            if (++usedInPool == pooledCount[pool]) {
                pool++;
                usedInPool = 0;
            }
        }
    }

    private void accumulateGroups(int[] layer) {
        for (int v : layer) {
            double k = key[v];
            int p = position[v];
            for (int c = graph.compound[v]; c != LayoutGraph.NO_COMPOUND; c = compounds.parent[c]) {
                keySum[c] += k;
                memberCount[c]++;
                firstPosition[c] = Math.min(firstPosition[c], p);
                if (pinned[v]) {
                    pinnedKeySum[c] += k;
                    pinnedCount[c]++;
                    firstPinnedPosition[c] = Math.min(firstPinnedPosition[c], p);
                }
            }
        }
        for (int v : layer) {
            for (int c = graph.compound[v]; c != LayoutGraph.NO_COMPOUND; c = compounds.parent[c]) {
                // Pinned members alone decide where a group goes, so pinned order survives grouping.
                boolean byPinned = pinnedCount[c] > 0;
                groupKey[c] = byPinned ? pinnedKeySum[c] / pinnedCount[c] : keySum[c] / memberCount[c];
                groupTie[c] = byPinned ? firstPinnedPosition[c] : firstPosition[c];
            }
        }
    }

    private void resetGroups(int[] layer) {
        for (int v : layer) {
            for (int c = graph.compound[v]; c != LayoutGraph.NO_COMPOUND; c = compounds.parent[c]) {
                keySum[c] = 0;
                memberCount[c] = 0;
                pinnedKeySum[c] = 0;
                pinnedCount[c] = 0;
                firstPosition[c] = Integer.MAX_VALUE;
                firstPinnedPosition[c] = Integer.MAX_VALUE;
            }
        }
    }

    /** Compares the two siblings, just below the nodes' common ancestor, that contain u and v. */
    private int compareInCompoundTree(int u, int v) {
        int cu = graph.compound[u];
        int cv = graph.compound[v];
        if (cu == cv) {
            return compareNodes(u, v);
        }
        int common = compounds.commonAncestor(cu, cv);
        int siblingOfU = childOnPath(cu, common);
        int siblingOfV = childOnPath(cv, common);
        double keyU = siblingOfU < 0 ? key[u] : groupKey[siblingOfU];
        double keyV = siblingOfV < 0 ? key[v] : groupKey[siblingOfV];
        int byKey = Double.compare(keyU, keyV);
        if (byKey != 0) {
            return byKey;
        }
        int tieU = siblingOfU < 0 ? position[u] : groupTie[siblingOfU];
        int tieV = siblingOfV < 0 ? position[v] : groupTie[siblingOfV];
        return Integer.compare(tieU, tieV);
    }

    /** The ancestor of {@code compound} directly inside {@code common}, or -1 if the node itself sits there. */
    private int childOnPath(int compound, int common) {
        if (compound == common) {
            return -1;
        }
        while (compounds.parent[compound] != common) {
            compound = compounds.parent[compound];
        }
        return compound;
    }
}
