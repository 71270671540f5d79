/**
 * Layered (Sugiyama-style) layout of any DAG of boxes, in the manner of dagre: cycle check,
 * ranking (longest path, then network simplex), dummy nodes on long edges, crossing reduction
 * (barycenter sweeps with transpositions, best ordering kept), Brandes–Köpf coordinates, polyline
 * routes and compound frames. {@link io.archexplorer.layouts.LayeredLayout} runs the pipeline;
 * each phase is one package-private class.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Units are those of the box sizes given in {@link io.archexplorer.layouts.LayoutGraph}.</li>
 *   <li>x grows to the right, y downwards; the drawing's top-left corner is (0, 0).</li>
 *   <li>{@link io.archexplorer.layouts.NodeBox} coordinates are box centres.</li>
 *   <li>Top-to-bottom: ranks are rows and edges run down; left-to-right: ranks are columns and
 *       edges run right. Edge routes start on the source box's border facing the flow and end on
 *       the target's opposite border.</li>
 *   <li>Compound nodes are either expanded (members laid out, contiguous within each rank, with a
 *       {@link io.archexplorer.layouts.Frame} around them) or collapsed beforehand into one box by
 *       {@link io.archexplorer.layouts.CompoundCollapser}.</li>
 *   <li>Internally everything is flat int/double arrays with adjacency in CSR form; phases work in
 *       "layout axes" (cross = along a rank, along = from rank to rank) and only the last step maps
 *       them to x and y.</li>
 * </ul>
 */
package io.archexplorer.layouts;
