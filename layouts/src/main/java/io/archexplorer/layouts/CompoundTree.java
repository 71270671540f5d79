package io.archexplorer.layouts;

/** The nesting of compounds as parent links plus depths, for cheap common-ancestor queries. */
final class CompoundTree {
    final int[] parent;
    /** 0 for "no compound", 1 for a top-level compound, and so on. */
    private final int[] depth;

    CompoundTree(int[] parent) {
        this.parent = parent;
        depth = new int[parent.length];
        // LayoutGraph numbers parents before children, so one forward pass suffices.
        for (int c = 0; c < parent.length; c++) {
            depth[c] = parent[c] == LayoutGraph.NO_COMPOUND ? 1 : depth[parent[c]] + 1;
        }
    }

    int count() {
        return parent.length;
    }

    int depth(int compound) {
        return compound == LayoutGraph.NO_COMPOUND ? 0 : depth[compound];
    }

    int commonAncestor(int a, int b) {
        while (depth(a) > depth(b)) {
            a = parent[a];
        }
        while (depth(b) > depth(a)) {
            b = parent[b];
        }
        while (a != b) {
            a = parent[a];
            b = parent[b];
        }
        return a;
    }

    /** How many frames lie between two nodes of the given compounds: each one needs padding. */
    int framesBetween(int a, int b) {
        if (a == b) {
            return 0;
        }
        int common = commonAncestor(a, b);
        return depth(a) + depth(b) - 2 * depth(common);
    }
}
