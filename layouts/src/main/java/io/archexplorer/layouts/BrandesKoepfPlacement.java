package io.archexplorer.layouts;

import java.util.Arrays;

/**
 * Phase 4: coordinates along each rank by Brandes and Köpf ("Fast and Simple Horizontal Coordinate
 * Assignment", 2001), following dagre's variant. Four alignments (aligning with upper or lower
 * neighbours, packing to the left or right) each line nodes up with a median neighbour into
 * vertical blocks and pack the blocks as tightly as separations allow; every node then takes the
 * mean of its two middle candidates. Segments between dummies win alignment conflicts, which is
 * what keeps long edges straight; taking medians balances branches around their common node.
 * All passes are linear scans over flat arrays.
 */
final class BrandesKoepfPlacement {
    private final LayeredGraph graph;
    private final Ordering order;
    private final LayoutOptions options;
    private final int n;
    /** Indexed by segment id (the edge ids stored in the CSR), shared by the up and down views. */
    private final boolean[] conflicted;
    private final double[] halfExtent;
    /** Separation between each node and its right neighbour: fixed by the ordering, so computed once for all four passes. */
    private final double[] gapToRight;

    private final int[] root;
    private final int[] align;
    private final int[] virtualPosition;
    private int[] neighborSlots = new int[16];

    private BrandesKoepfPlacement(LayeredGraph graph, Ordering order, LayoutOptions options) {
        this.graph = graph;
        this.order = order;
        this.options = options;
        n = graph.nodeCount;
        conflicted = new boolean[graph.down.neighbors.length];
        halfExtent = new double[n];
        for (int v = 0; v < n; v++) {
            double gap = graph.isDummy(v) ? options.edgeSeparation() : options.nodeSeparation();
            halfExtent[v] = (graph.crossSize[v] + gap) / 2;
        }
        gapToRight = new double[n];
        for (int[] layer : order.layers) {
            for (int k = 0; k + 1 < layer.length; k++) {
                gapToRight[layer[k]] = separation(layer[k], layer[k + 1]);
            }
        }
        root = new int[n];
        align = new int[n];
        virtualPosition = new int[n];
    }

    /** Returns the centre coordinate of every node across its rank. */
    static double[] assign(LayeredGraph graph, Ordering order, LayoutOptions options) {
        return new BrandesKoepfPlacement(graph, order, options).balancedCoordinates();
    }

    private double[] balancedCoordinates() {
        markType1Conflicts();
        double[][] candidates = new double[4][];
        int k = 0;
        for (boolean alignWithUpper : new boolean[] {true, false}) {
            for (boolean leftToRight : new boolean[] {true, false}) {
                alignVertically(alignWithUpper, leftToRight);
                candidates[k++] = compactHorizontally(leftToRight);
            }
        }
        alignToNarrowest(candidates);
        double[] x = new double[n];
        double[] four = new double[4];
        for (int v = 0; v < n; v++) {
            for (int i = 0; i < 4; i++) {
                four[i] = candidates[i][v];
            }
            Arrays.sort(four);
            x[v] = (four[1] + four[2]) / 2;
        }
        return x;
    }

    private double separation(int left, int right) {
        double padding = options.framePadding()
                * graph.compounds.framesBetween(graph.compound[left], graph.compound[right]);
        return halfExtent[left] + halfExtent[right] + padding;
    }

    /**
     * A type-1 conflict is a segment with a real end that crosses an inner segment (dummy to dummy).
     * Scanning each rank once between consecutive inner segments finds them in linear time.
     */
    private void markType1Conflicts() {
        Csr up = graph.up;
        int[] position = order.position;
        for (int r = 1; r < order.layers.length; r++) {
            int upperSize = order.layers[r - 1].length;
            int[] layer = order.layers[r];
            int k0 = 0;
            int scanFrom = 0;
            for (int i = 0; i < layer.length; i++) {
                int v = layer[i];
                int innerUpper = innerSegmentUpperEnd(v);
                int k1 = innerUpper >= 0 ? position[innerUpper] : upperSize;
                if (innerUpper < 0 && i != layer.length - 1) {
                    continue;
                }
                for (int s = scanFrom; s <= i; s++) {
                    int scanned = layer[s];
                    for (int j = up.offsets[scanned]; j < up.offsets[scanned + 1]; j++) {
                        int u = up.neighbors[j];
                        int p = position[u];
                        if ((p < k0 || k1 < p) && !(graph.isDummy(u) && graph.isDummy(scanned))) {
                            conflicted[up.edges[j]] = true;
                        }
                    }
                }
                scanFrom = i + 1;
                k0 = k1;
            }
        }
    }

    private int innerSegmentUpperEnd(int v) {
        if (!graph.isDummy(v)) {
            return -1;
        }
        Csr up = graph.up;
        for (int j = up.offsets[v]; j < up.offsets[v + 1]; j++) {
            if (graph.isDummy(up.neighbors[j])) {
                return up.neighbors[j];
            }
        }
        return -1;
    }

    /** Builds blocks: each node joins the block of its median neighbour unless that would cross an earlier alignment or a conflict. */
    private void alignVertically(boolean alignWithUpper, boolean leftToRight) {
        for (int v = 0; v < n; v++) {
            root[v] = v;
            align[v] = v;
        }
        int[][] layers = order.layers;
        for (int[] layer : layers) {
            for (int i = 0; i < layer.length; i++) {
                virtualPosition[layer[i]] = leftToRight ? i : layer.length - 1 - i;
            }
        }
        Csr side = alignWithUpper ? graph.up : graph.down;
        for (int step = 0; step < layers.length; step++) {
            int[] layer = layers[alignWithUpper ? step : layers.length - 1 - step];
            int previousAligned = -1;
            for (int k = 0; k < layer.length; k++) {
                int v = layer[leftToRight ? k : layer.length - 1 - k];
                int degree = sortedNeighborSlots(side, v);
                if (degree == 0) {
                    continue;
                }
                for (int m = (degree - 1) / 2; m <= degree / 2; m++) {
                    int slot = neighborSlots[m];
                    int w = side.neighbors[slot];
                    if (align[v] == v && previousAligned < virtualPosition[w] && !conflicted[side.edges[slot]]) {
                        align[w] = v;
                        root[v] = root[w];
                        align[v] = root[v];
                        previousAligned = virtualPosition[w];
                    }
                }
            }
        }
    }

    private int sortedNeighborSlots(Csr side, int v) {
        int begin = side.offsets[v];
        int degree = side.offsets[v + 1] - begin;
        if (neighborSlots.length < degree) {
            neighborSlots = new int[2 * degree];
        }
        for (int i = 0; i < degree; i++) {
            neighborSlots[i] = begin + i;
        }
        if (degree > 1) {
            IntSort.sort(neighborSlots, 0, degree,
                    (a, b) -> virtualPosition[side.neighbors[a]] - virtualPosition[side.neighbors[b]]);
        }
        return degree;
    }

    /**
     * Packs blocks: the block graph has an edge from the block of each node to the block of its
     * right neighbour (in this alignment's reading direction) weighted by their separation. A
     * longest-path pass places blocks as far left as possible, a second pass pulls blocks without
     * a binding left constraint rightwards towards their successors. Returns real coordinates.
     */
    private double[] compactHorizontally(boolean leftToRight) {
        int[][] layers = order.layers;
        int edgeCount = 0;
        for (int[] layer : layers) {
            edgeCount += Math.max(0, layer.length - 1);
        }
        int[] from = new int[edgeCount];
        int[] to = new int[edgeCount];
        double[] weight = new double[edgeCount];
        int e = 0;
        for (int[] layer : layers) {
            for (int k = 1; k < layer.length; k++) {
                int left = layer[leftToRight ? k - 1 : layer.length - k];
                int right = layer[leftToRight ? k : layer.length - 1 - k];
                from[e] = root[left];
                to[e] = root[right];
                weight[e++] = gapToRight[leftToRight ? left : right];
            }
        }
        Csr successors = Csr.of(n, from, to, edgeCount);
        Csr predecessors = Csr.of(n, to, from, edgeCount);
        int[] blockOrder = topologicalBlocks(successors, predecessors);
        double[] xs = new double[n];
        for (int b : blockOrder) {
            double x = 0;
            for (int i = predecessors.offsets[b]; i < predecessors.offsets[b + 1]; i++) {
                x = Math.max(x, xs[predecessors.neighbors[i]] + weight[predecessors.edges[i]]);
            }
            xs[b] = x;
        }
        for (int k = blockOrder.length - 1; k >= 0; k--) {
            int b = blockOrder[k];
            double limit = Double.POSITIVE_INFINITY;
            for (int i = successors.offsets[b]; i < successors.offsets[b + 1]; i++) {
                limit = Math.min(limit, xs[successors.neighbors[i]] - weight[successors.edges[i]]);
            }
            if (limit != Double.POSITIVE_INFINITY && limit > xs[b]) {
                xs[b] = limit;
            }
        }
        double[] x = new double[n];
        for (int v = 0; v < n; v++) {
            x[v] = leftToRight ? xs[root[v]] : -xs[root[v]];
        }
        return x;
    }

    /** Kahn's algorithm over block roots (other nodes have no block-graph edges and come out anywhere). */
    private int[] topologicalBlocks(Csr successors, Csr predecessors) {
        int[] inDegree = new int[n];
        int[] result = new int[n];
        int tail = 0;
        for (int v = 0; v < n; v++) {
            inDegree[v] = predecessors.degree(v);
            if (inDegree[v] == 0) {
                result[tail++] = v;
            }
        }
        for (int head = 0; head < tail; head++) {
            int b = result[head];
            for (int i = successors.offsets[b]; i < successors.offsets[b + 1]; i++) {
                if (--inDegree[successors.neighbors[i]] == 0) {
                    result[tail++] = successors.neighbors[i];
                }
            }
        }
        return result;
    }

    /** Shifts every candidate so that it shares the narrowest one's left (or right, if packed right) border. */
    private void alignToNarrowest(double[][] candidates) {
        double[] min = new double[4];
        double[] max = new double[4];
        int narrowest = 0;
        for (int i = 0; i < 4; i++) {
            min[i] = Double.POSITIVE_INFINITY;
            max[i] = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < n; v++) {
                double half = graph.crossSize[v] / 2;
                min[i] = Math.min(min[i], candidates[i][v] - half);
                max[i] = Math.max(max[i], candidates[i][v] + half);
            }
            if (max[i] - min[i] < max[narrowest] - min[narrowest]) {
                narrowest = i;
            }
        }
        for (int i = 0; i < 4; i++) {
            boolean packedLeft = i % 2 == 0;
            double shift = packedLeft ? min[narrowest] - min[i] : max[narrowest] - max[i];
            for (int v = 0; v < n; v++) {
                candidates[i][v] += shift;
            }
        }
    }
}
