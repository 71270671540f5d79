package io.archexplorer.layouts;

import java.util.Arrays;

/**
 * Counts edge crossings of any layered drawing from its geometry alone, so that layouts by
 * different engines are measured by the same rule.
 * <p>
 * The layers are the distinct centre lines of the boxes (along the flow direction). Every edge is
 * followed from its source's centre through its polyline to its target's centre, and cut at each
 * layer line it passes: between two consecutive lines it is one segment, exactly like the dummy
 * segments of a layered graph. Two segments cross when their order on the upper line differs from
 * their order on the lower one; segments that meet at a point (edges sharing a box) do not count,
 * and segments drawn on top of each other (edges merged into one bus) count as one.
 * Inversions are counted with the Barth–Jünger–Mutzel accumulator tree, O(E log V) per gap.
 */
public final class CrossingCounter {
    private static final double SAME_LINE = 1e-6;

    private CrossingCounter() {
    }

    public static long count(Layout layout) {
        boolean topToBottom = layout.direction() == Direction.TOP_TO_BOTTOM;
        double[] lines = layerLines(layout, topToBottom);
        int edgeCount = layout.edges().size();
        double[][] positions = new double[edgeCount][];
        int[] firstLine = new int[edgeCount];
        // Segments are bucketed by gap (counting sort), so each gap's slice is contiguous.
        int[] gapStart = new int[lines.length + 1];
        for (int e = 0; e < edgeCount; e++) {
            double[] path = centreToCentrePath(layout, layout.edges().get(e), topToBottom);
            int first = nearestLine(lines, path[1]);
            int last = nearestLine(lines, path[path.length - 1]);
            firstLine[e] = first;
            positions[e] = positionsOnLines(path, lines, first, last);
            for (int gap = first; gap < last; gap++) {
                gapStart[gap + 1]++;
            }
        }
        for (int gap = 0; gap < lines.length; gap++) {
            gapStart[gap + 1] += gapStart[gap];
        }
        double[] upper = new double[gapStart[lines.length]];
        double[] lower = new double[upper.length];
        int[] fill = Arrays.copyOf(gapStart, lines.length);
        for (int e = 0; e < edgeCount; e++) {
            double[] at = positions[e];
            for (int k = 0; k + 1 < at.length; k++) {
                int slot = fill[firstLine[e] + k]++;
                upper[slot] = at[k];
                lower[slot] = at[k + 1];
            }
        }
        long total = 0;
        AccumulatorTree tree = new AccumulatorTree();
        for (int gap = 0; gap + 1 < lines.length; gap++) {
            if (gapStart[gap + 1] - gapStart[gap] > 1) {
                total += crossingsInGap(upper, lower, gapStart[gap], gapStart[gap + 1], tree);
            }
        }
        return total;
    }

    private static double[] layerLines(Layout layout, boolean topToBottom) {
        double[] centres = new double[layout.nodes().size()];
        int k = 0;
        for (NodeBox box : layout.nodes()) {
            centres[k++] = topToBottom ? box.y() : box.x();
        }
        Arrays.sort(centres);
        int distinct = 0;
        for (int i = 0; i < centres.length; i++) {
            if (distinct == 0 || centres[i] - centres[distinct - 1] > SAME_LINE * Math.max(1, Math.abs(centres[i]))) {
                centres[distinct++] = centres[i];
            }
        }
        return Arrays.copyOf(centres, distinct);
    }

    /** The route as (cross, along) pairs, starting and ending at the centres of its boxes and running downstream. */
    private static double[] centreToCentrePath(Layout layout, EdgeRoute route, boolean topToBottom) {
        NodeBox source = layout.node(route.source());
        NodeBox target = layout.node(route.target());
        double[] p = route.points();
        double[] path = new double[p.length + 4];
        path[0] = topToBottom ? source.x() : source.y();
        path[1] = topToBottom ? source.y() : source.x();
        for (int i = 0; i < p.length; i += 2) {
            path[i + 2] = topToBottom ? p[i] : p[i + 1];
            path[i + 3] = topToBottom ? p[i + 1] : p[i];
        }
        path[path.length - 2] = topToBottom ? target.x() : target.y();
        path[path.length - 1] = topToBottom ? target.y() : target.x();
        if (path[path.length - 1] < path[1]) {
            reversePoints(path);
        }
        return path;
    }

    private static void reversePoints(double[] path) {
        for (int i = 0, j = path.length - 2; i < j; i += 2, j -= 2) {
            double cross = path[i];
            double along = path[i + 1];
            path[i] = path[j];
            path[i + 1] = path[j + 1];
            path[j] = cross;
            path[j + 1] = along;
        }
    }

    private static int nearestLine(double[] lines, double along) {
        int index = Arrays.binarySearch(lines, along);
        if (index >= 0) {
            return index;
        }
        int above = -index - 2;
        int below = above + 1;
        if (above < 0) {
            return 0;
        }
        if (below >= lines.length) {
            return lines.length - 1;
        }
        return along - lines[above] <= lines[below] - along ? above : below;
    }

    /** Cross coordinate where the path meets lines {@code first..last}; the ends are the box centres. */
    private static double[] positionsOnLines(double[] path, double[] lines, int first, int last) {
        if (last < first) {
            return new double[0];
        }
        double[] at = new double[last - first + 1];
        at[0] = path[0];
        at[at.length - 1] = path[path.length - 2];
        int point = 0;
        for (int line = first + 1; line < last; line++) {
            double y = lines[line];
            while (point + 3 < path.length && path[point + 3] < y) {
                point += 2;
            }
            double y0 = path[point + 1];
            double y1 = path[point + 3];
            double t = y1 > y0 ? (y - y0) / (y1 - y0) : 0;
            at[line - first] = path[point] + t * (path[point + 2] - path[point]);
        }
        return at;
    }

    /** Sorts the gap's segments by (upper, lower), ranks their lower ends, and counts inversions among them. */
    private static long crossingsInGap(double[] upper, double[] lower, int from, int to, AccumulatorTree tree) {
        int size = to - from;
        int[] segments = new int[size];
        for (int i = 0; i < size; i++) {
            segments[i] = from + i;
        }
        IntSort.sort(segments, 0, size, (a, b) -> {
            int byUpper = Double.compare(upper[a], upper[b]);
            return byUpper != 0 ? byUpper : Double.compare(lower[a], lower[b]);
        });
        double[] distinctLower = Arrays.copyOfRange(lower, from, to);
        Arrays.sort(distinctLower);
        int distinct = 0;
        for (int i = 0; i < size; i++) {
            if (distinct == 0 || distinctLower[i] != distinctLower[distinct - 1]) {
                distinctLower[distinct++] = distinctLower[i];
            }
        }
        // Edges that share a drawn segment (a bus of merged edges) are one line on the page: count it once.
        int[] lowerRanks = new int[size];
        int unique = 0;
        for (int i = 0; i < size; i++) {
            boolean repeat = i > 0 && upper[segments[i]] == upper[segments[i - 1]]
                    && lower[segments[i]] == lower[segments[i - 1]];
            if (!repeat) {
                lowerRanks[unique++] = Arrays.binarySearch(distinctLower, 0, distinct, lower[segments[i]]);
            }
        }
        return tree.countInversions(lowerRanks, unique, distinct);
    }
}
