package io.archexplorer.layouts;

/**
 * The layered (Sugiyama) layout of a DAG, one phase per class, in the order of the literature:
 * <ol>
 *   <li>{@link CycleCheck}: the input must be acyclic; its topological order seeds ranking;</li>
 *   <li>ranking: {@link LongestPathRanking}, then {@link NetworkSimplexRanking} for compact ranks;</li>
 *   <li>{@link DummyInsertion}: long edges become chains of dummies;</li>
 *   <li>ordering: {@link CrossingReduction} from {@link InitialOrder}'s starts (barycenter sweeps,
 *       then {@link Transposition}), compounds kept contiguous and earlier placements kept in
 *       order by {@link LayerSorter};</li>
 *   <li>{@link BrandesKoepfPlacement} across ranks, {@link RankPlacement} down the ranks;</li>
 *   <li>{@link EdgeRouting} and {@link CompoundFrames}, then {@link LayoutAssembly} maps layout
 *       axes to the requested direction.</li>
 * </ol>
 * Deterministic: equal inputs (same insertion order) give identical layouts. Thread-safe: holds no state.
 */
public final class LayeredLayout {
    private final LayoutOptions options;

    public LayeredLayout(LayoutOptions options) {
        this.options = options;
    }

    public Layout layout(LayoutGraph graph) {
        return layout(graph, null);
    }

    /**
     * @param previous an earlier layout of a similar graph, or null: nodes it contains keep their
     *                 relative order within each rank, and so stay roughly where they were
     * @throws CyclicGraphException if the graph has a cycle
     */
    public Layout layout(LayoutGraph graph, Layout previous) {
        long start = System.nanoTime();
        int n = graph.nodeCount();
        Csr out = Csr.of(n, graph.edgeSources, graph.edgeTargets, graph.edgeCount());
        int[] topologicalOrder = CycleCheck.topologicalOrder(graph, out);

        int[] rank = LongestPathRanking.rank(n, out, topologicalOrder);
        NetworkSimplexRanking.tighten(n, graph.edgeSources, graph.edgeTargets, rank);

        boolean topToBottom = options.direction() == Direction.TOP_TO_BOTTOM;
        LayeredGraph layered = DummyInsertion.split(graph, rank,
                topToBottom ? graph.widths : graph.heights,
                topToBottom ? graph.heights : graph.widths,
                new CompoundTree(graph.compoundParent));

        StabilityHint hint = StabilityHint.from(previous, graph, layered.nodeCount);
        LayerSorter sorter = new LayerSorter(layered, hint.pinned);
        Ordering order = CrossingReduction.minimize(layered, hint, sorter);

        double[] cross = BrandesKoepfPlacement.assign(layered, order, options);
        double[] rankCentre = RankPlacement.rankCentres(layered, options.rankSeparation());

        double[][] routes = EdgeRouting.route(layered, cross, rankCentre);
        double[][] frames = CompoundFrames.enclose(layered, cross, rankCentre, options.framePadding());
        return LayoutAssembly.assemble(graph, layered, cross, rankCentre, routes, frames, options.direction(), start);
    }
}
