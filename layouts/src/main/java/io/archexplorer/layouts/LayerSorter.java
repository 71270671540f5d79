package io.archexplorer.layouts;

import java.util.Arrays;

/**
 * Sorts one rank by a non-negative key per node (a barycenter, or an initial position) under two
 * constraints:
 * <ul>
 *   <li>members of a compound stay contiguous: the items directly inside a compound (its own
 *       nodes and its child compounds) are ordered by key, a child compound's key being the mean
 *       key of its members in this rank, and each child compound is then sorted the same way;</li>
 *   <li>pinned nodes (those a previous layout placed) keep their relative order: their keys are
 *       made non-decreasing by pool-adjacent-violators (the closest monotone fit), then strictly
 *       increasing by at least one key quantum.</li>
 * </ul>
 * Ties go by current position, or reversed to let alternating sweeps escape local optima; either
 * way the result is deterministic.
 * <p>
 * This is the hot loop of crossing reduction, so there is no comparator: each item's (key, tie)
 * is packed into one long and sorted with {@link Arrays#sort(long[], int, int)}. The key is
 * quantised (barycenters closer than the quantum count as equal and fall to the tie); the tie is
 * a position in the rank, which also tells which item a packed value stands for.
 */
final class LayerSorter {
    private static final int TIE_BITS = 22;
    private static final long TIE_MASK = (1L << TIE_BITS) - 1;
    private static final int KEY_BITS = 63 - TIE_BITS - 1;

    private final LayeredGraph graph;
    private final boolean[] pinned;
    private final boolean anyPinned;
    private final CompoundTree compounds;
    /** Keys lie in [0, largest rank size + one quantum per pinned node); the scale makes key * scale fit in KEY_BITS. */
    private final double keyScale;
    private final double keyQuantum;
    // Per-compound sums for the current rank; reset after each sort by walking the same nodes.
    private final double[] keySum;
    private final int[] memberCount;
    private final double[] pinnedKeySum;
    private final int[] pinnedCount;
    private final int[] firstPosition;
    private final int[] firstPinnedPosition;
    private final int[] touched;
    private int touchedCount;
    private final int[] itemSlot;
    private long[] packed = new long[16];
    private int[] byPosition = new int[16];
    private double[] pooledKey = new double[16];
    private int[] pooledCount = new int[16];

    private double[] key;
    private int[] position;
    private boolean biasRight;
    private int layerSize;

    LayerSorter(LayeredGraph graph, boolean[] pinned) {
        this.graph = graph;
        this.pinned = pinned;
        boolean any = false;
        for (boolean p : pinned) {
            any |= p;
        }
        anyPinned = any;
        int[] rankSize = new int[graph.rankCount];
        int largest = 1;
        for (int v = 0; v < graph.nodeCount; v++) {
            largest = Math.max(largest, ++rankSize[graph.rank[v]]);
        }
        if (largest > TIE_MASK) {
            throw new IllegalArgumentException("a rank of " + largest + " nodes is beyond the layout's limit");
        }
        int integerBits = 32 - Integer.numberOfLeadingZeros(largest);
        keyScale = Math.scalb(1.0, KEY_BITS - integerBits - 1);
        keyQuantum = 1 / keyScale;
        compounds = graph.compounds;
        int c = compounds.count();
        keySum = new double[c];
        memberCount = new int[c];
        pinnedKeySum = new double[c];
        pinnedCount = new int[c];
        firstPosition = new int[c];
        firstPinnedPosition = new int[c];
        touched = new int[c];
        itemSlot = new int[c];
        Arrays.fill(firstPosition, Integer.MAX_VALUE);
        Arrays.fill(firstPinnedPosition, Integer.MAX_VALUE);
    }

    /**
     * Reorders {@code layer}, which must be in position order, in place; {@code key} may be
     * adjusted for pinned nodes.
     */
    void sort(int[] layer, double[] key, int[] position, boolean biasRight) {
        this.key = key;
        this.position = position;
        this.biasRight = biasRight;
        layerSize = layer.length;
        ensureCapacity(layer.length);
        if (anyPinned) {
            makePinnedKeysIncreasing(layer);
        }
        System.arraycopy(layer, 0, byPosition, 0, layer.length);
        if (compounds.count() == 0 || inOneCompound(layer)) {
            sortItems(layer, 0, layer.length, graph.compound[layer[0]]);
            return;
        }
        accumulateGroups(layer);
        sortItems(layer, 0, layer.length, LayoutGraph.NO_COMPOUND);
        resetGroups();
    }

    private void ensureCapacity(int size) {
        if (packed.length < size) {
            int capacity = Math.max(size, 2 * packed.length);
            packed = new long[capacity];
            byPosition = new int[capacity];
            pooledKey = new double[capacity];
            pooledCount = new int[capacity];
        }
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
     * Sorts {@code nodes[from, to)}, all inside {@code parent}, by their items directly inside
     * {@code parent}; the members of each child compound end up together and are sorted in turn.
     */
    private void sortItems(int[] nodes, int from, int to, int parent) {
        int items = 0;
        int compoundItems = 0;
        for (int i = from; i < to; i++) {
            int v = nodes[i];
            int child = childOnPath(graph.compound[v], parent);
            if (child == -1) {
                packed[items++] = pack(key[v], position[v]);
            } else if (itemSlot[child] == 0) {
                itemSlot[child] = ++compoundItems;
                packed[items++] = packGroup(child);
            }
        }
        Arrays.sort(packed, 0, items);
        if (compoundItems == 0) {
            for (int i = 0; i < items; i++) {
                nodes[from + i] = byPosition[positionOf(packed[i])];
            }
            return;
        }
        // Members of each child compound, kept in input order, go to consecutive runs of members;
        // slot s (1-based) runs from runStart[s - 1] to runStart[s].
        int[] runStart = new int[compoundItems + 1];
        for (int i = from; i < to; i++) {
            int child = childOnPath(graph.compound[nodes[i]], parent);
            if (child != -1) {
                runStart[itemSlot[child]]++;
            }
        }
        for (int s = 1; s <= compoundItems; s++) {
            runStart[s] += runStart[s - 1];
        }
        int[] fill = Arrays.copyOf(runStart, compoundItems);
        int[] members = new int[to - from];
        for (int i = from; i < to; i++) {
            int child = childOnPath(graph.compound[nodes[i]], parent);
            if (child != -1) {
                members[fill[itemSlot[child] - 1]++] = nodes[i];
            }
        }
        long[] order = Arrays.copyOf(packed, items);
        int out = from;
        for (long item : order) {
            int v = byPosition[positionOf(item)];
            int child = childOnPath(graph.compound[v], parent);
            if (child == -1) {
                nodes[out++] = v;
                continue;
            }
            int slot = itemSlot[child] - 1;
            int count = runStart[slot + 1] - runStart[slot];
            System.arraycopy(members, runStart[slot], nodes, out, count);
            itemSlot[child] = 0;
            sortItems(nodes, out, out + count, child);
            out += count;
        }
    }

    /** The compound directly inside {@code parent} on the way to {@code compound}, or -1 if that is {@code parent} itself. */
    private int childOnPath(int compound, int parent) {
        if (compound == parent) {
            return -1;
        }
        while (compounds.parent[compound] != parent) {
            compound = compounds.parent[compound];
        }
        return compound;
    }

    private long pack(double k, int tiePosition) {
        long quantized = (long) (k * keyScale);
        long tie = biasRight ? layerSize - 1 - tiePosition : tiePosition;
        return (quantized << TIE_BITS) | tie;
    }

    private int positionOf(long packedItem) {
        int tie = (int) (packedItem & TIE_MASK);
        return biasRight ? layerSize - 1 - tie : tie;
    }

    /**
     * Pool adjacent violators over the pinned nodes, taken in their current (required) order;
     * then each pinned key is raised to at least one quantum above the previous one, so that no
     * tie (which may be broken in reverse) can swap two pinned nodes.
     */
    private void makePinnedKeysIncreasing(int[] layer) {
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
        double previous = Double.NEGATIVE_INFINITY;
        for (int v : layer) {
            if (!pinned[v]) {
                continue;
            }
            double k = Math.max(pooledKey[pool], previous + keyQuantum);
            key[v] = k;
            previous = k;
            if (++usedInPool == pooledCount[pool]) {
                pool++;
                usedInPool = 0;
            }
        }
    }

    /** Sums keys per compound over the rank; {@link #resetGroups} clears only the compounds touched here. */
    private void accumulateGroups(int[] layer) {
        touchedCount = 0;
        for (int v : layer) {
            double k = key[v];
            int p = position[v];
            boolean isPinned = pinned[v];
            for (int c = graph.compound[v]; c != LayoutGraph.NO_COMPOUND; c = compounds.parent[c]) {
                if (memberCount[c]++ == 0) {
                    touched[touchedCount++] = c;
                }
                keySum[c] += k;
                firstPosition[c] = Math.min(firstPosition[c], p);
                if (isPinned) {
                    pinnedKeySum[c] += k;
                    pinnedCount[c]++;
                    firstPinnedPosition[c] = Math.min(firstPinnedPosition[c], p);
                }
            }
        }
    }

    /** Pinned members alone decide where a group goes, so pinned order survives grouping. */
    private long packGroup(int c) {
        boolean byPinned = pinnedCount[c] > 0;
        double groupKey = byPinned ? pinnedKeySum[c] / pinnedCount[c] : keySum[c] / memberCount[c];
        return pack(groupKey, byPinned ? firstPinnedPosition[c] : firstPosition[c]);
    }

    private void resetGroups() {
        for (int i = 0; i < touchedCount; i++) {
            int c = touched[i];
            keySum[c] = 0;
            memberCount[c] = 0;
            pinnedKeySum[c] = 0;
            pinnedCount[c] = 0;
            firstPosition[c] = Integer.MAX_VALUE;
            firstPinnedPosition[c] = Integer.MAX_VALUE;
        }
    }
}
