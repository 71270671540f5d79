package io.archexplorer.layouts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The input: boxes with ids and sizes, directed edges between them, and optional compound nodes
 * (named groups, possibly nested) that boxes belong to. Immutable; build it with {@link #builder()}.
 * Nodes and edges are numbered in insertion order, which is also what makes the layout deterministic.
 */
public final class LayoutGraph {
    /** Compound index meaning "not inside any compound". */
    static final int NO_COMPOUND = -1;

    final String[] nodeIds;
    final double[] widths;
    final double[] heights;
    /** Innermost compound of each node, or {@link #NO_COMPOUND}. */
    final int[] nodeCompound;
    final String[] compoundIds;
    /** Enclosing compound of each compound, or {@link #NO_COMPOUND}. */
    final int[] compoundParent;
    final int[] edgeSources;
    final int[] edgeTargets;
    private final Map<String, Integer> nodeIndex;
    private final Map<String, Integer> compoundIndex;

    private LayoutGraph(Builder b) {
        int n = b.nodeIds.size();
        nodeIds = b.nodeIds.toArray(new String[0]);
        widths = Arrays.copyOf(b.widths, n);
        heights = Arrays.copyOf(b.heights, n);
        nodeCompound = new int[n];
        nodeIndex = new HashMap<>(b.nodeIndex);
        compoundIndex = new HashMap<>();
        List<String> compounds = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            String compound = b.nodeCompounds.get(v);
            nodeCompound[v] = compound == null ? NO_COMPOUND : internCompound(compound, b, compounds);
        }
        compoundIds = compounds.toArray(new String[0]);
        compoundParent = new int[compoundIds.length];
        for (int c = 0; c < compoundIds.length; c++) {
            String parent = b.compoundParents.get(compoundIds[c]);
            compoundParent[c] = parent == null ? NO_COMPOUND : compoundIndex.get(parent);
        }
        int m = b.edgeCount;
        edgeSources = Arrays.copyOf(b.edgeSources, m);
        edgeTargets = Arrays.copyOf(b.edgeTargets, m);
    }

    /** Numbers the compound and, first, its ancestors, so that only compounds with members get an index. */
    private int internCompound(String id, Builder b, List<String> compounds) {
        Integer known = compoundIndex.get(id);
        if (known != null) {
            return known;
        }
        if (nodeIndex.containsKey(id)) {
            throw new IllegalArgumentException("compound id '" + id + "' is also a node id");
        }
        String parent = b.compoundParents.get(id);
        int steps = 0;
        for (String up = parent; up != null; up = b.compoundParents.get(up)) {
            if (++steps > b.compoundParents.size()) {
                throw new IllegalArgumentException("compound '" + id + "' is nested inside itself");
            }
        }
        if (parent != null) {
            internCompound(parent, b, compounds);
        }
        compoundIndex.put(id, compounds.size());
        compounds.add(id);
        return compounds.size() - 1;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int nodeCount() {
        return nodeIds.length;
    }

    public int edgeCount() {
        return edgeSources.length;
    }

    public String nodeId(int node) {
        return nodeIds[node];
    }

    public double width(int node) {
        return widths[node];
    }

    public double height(int node) {
        return heights[node];
    }

    /** The innermost compound the node belongs to, or null. */
    public String compoundOf(int node) {
        int c = nodeCompound[node];
        return c == NO_COMPOUND ? null : compoundIds[c];
    }

    /** Index of the node with this id, or -1. */
    public int indexOf(String nodeId) {
        Integer index = nodeIndex.get(nodeId);
        return index == null ? -1 : index;
    }

    public String edgeSource(int edge) {
        return nodeIds[edgeSources[edge]];
    }

    public String edgeTarget(int edge) {
        return nodeIds[edgeTargets[edge]];
    }

    /** Compounds that have at least one member, outer ones before the ones nested in them. */
    public List<String> compoundIds() {
        return List.of(compoundIds);
    }

    /** The compound enclosing this compound, or null. */
    public String compoundParent(String compoundId) {
        Integer c = compoundIndex.get(compoundId);
        if (c == null) {
            throw new IllegalArgumentException("unknown compound '" + compoundId + "'");
        }
        int parent = compoundParent[c];
        return parent == NO_COMPOUND ? null : compoundIds[parent];
    }

    /** Whether the node lies inside the compound, directly or through nested compounds. */
    public boolean isInside(int node, String compoundId) {
        Integer target = compoundIndex.get(compoundId);
        if (target == null) {
            return false;
        }
        for (int c = nodeCompound[node]; c != NO_COMPOUND; c = compoundParent[c]) {
            if (c == target) {
                return true;
            }
        }
        return false;
    }

    public static final class Builder {
        private final List<String> nodeIds = new ArrayList<>();
        private final Map<String, Integer> nodeIndex = new HashMap<>();
        private final List<String> nodeCompounds = new ArrayList<>();
        private final Map<String, String> compoundParents = new HashMap<>();
        private double[] widths = new double[16];
        private double[] heights = new double[16];
        private int[] edgeSources = new int[16];
        private int[] edgeTargets = new int[16];
        private int edgeCount;

        private Builder() {
        }

        public Builder node(String id, double width, double height) {
            return node(id, width, height, null);
        }

        /** Adds a box; {@code compoundId} (nullable) is the innermost compound it belongs to. */
        public Builder node(String id, double width, double height, String compoundId) {
            if (id == null) {
                throw new IllegalArgumentException("node id is required");
            }
            if (!(width >= 0 && height >= 0)) {
                throw new IllegalArgumentException("node '" + id + "' needs a non-negative size");
            }
            if (nodeIndex.putIfAbsent(id, nodeIds.size()) != null) {
                throw new IllegalArgumentException("duplicate node id '" + id + "'");
            }
            int v = nodeIds.size();
            if (v == widths.length) {
                widths = Arrays.copyOf(widths, 2 * v);
                heights = Arrays.copyOf(heights, 2 * v);
            }
            widths[v] = width;
            heights[v] = height;
            nodeIds.add(id);
            nodeCompounds.add(compoundId);
            return this;
        }

        /** Nests a compound inside another; compounds not declared here are top-level. */
        public Builder compound(String id, String parentCompoundId) {
            if (id == null || id.equals(parentCompoundId)) {
                throw new IllegalArgumentException("a compound needs an id different from its parent's");
            }
            String previous = compoundParents.put(id, parentCompoundId);
            if (previous != null && !previous.equals(parentCompoundId)) {
                throw new IllegalArgumentException("compound '" + id + "' declared with two parents");
            }
            return this;
        }

        public Builder edge(String sourceId, String targetId) {
            int s = require(sourceId);
            int t = require(targetId);
            if (edgeCount == edgeSources.length) {
                edgeSources = Arrays.copyOf(edgeSources, 2 * edgeCount);
                edgeTargets = Arrays.copyOf(edgeTargets, 2 * edgeCount);
            }
            edgeSources[edgeCount] = s;
            edgeTargets[edgeCount] = t;
            edgeCount++;
            return this;
        }

        private int require(String id) {
            Integer index = nodeIndex.get(id);
            if (index == null) {
                throw new IllegalArgumentException("edge refers to unknown node '" + id + "'");
            }
            return index;
        }

        public LayoutGraph build() {
            return new LayoutGraph(this);
        }
    }
}
