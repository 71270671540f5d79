package io.archexplorer.layouts;

/**
 * Bilayer crossing count by Barth, Jünger and Mutzel ("Simple and Efficient Bilayer Cross
 * Counting", 2004): with the edges sorted by their upper end, crossings are the inversions among
 * their lower ends, counted in O(E log V) by an accumulator tree over the lower positions.
 */
final class AccumulatorTree {
    private int[] tree = new int[64];

    /**
     * Counts pairs {@code i < j} with {@code lower[i] > lower[j]}. Edges sharing an upper end must
     * already be sorted by lower end, so edges with a common endpoint never count as crossing.
     *
     * @param lowerPositions positions on the lower layer, in {@code 0 .. lowerLayerSize-1}
     */
    long countInversions(int[] lowerPositions, int length, int lowerLayerSize) {
        int firstLeaf = 1;
        while (firstLeaf < lowerLayerSize) {
            firstLeaf <<= 1;
        }
        int treeSize = 2 * firstLeaf - 1;
        if (tree.length < treeSize) {
            tree = new int[Math.max(treeSize, 2 * tree.length)];
        }
        java.util.Arrays.fill(tree, 0, treeSize, 0);
        firstLeaf--;
        long crossings = 0;
        for (int k = 0; k < length; k++) {
            int index = lowerPositions[k] + firstLeaf;
            tree[index]++;
            while (index > 0) {
                if ((index & 1) == 1) {
                    crossings += tree[index + 1];
                }
                index = (index - 1) >> 1;
                tree[index]++;
            }
        }
        return crossings;
    }
}
