package io.archexplorer.layouts;

/** The left-to-right order of every rank, with each node's index in its rank kept alongside. */
final class Ordering {
    final int[][] layers;
    final int[] position;

    Ordering(int[][] layers, int nodeCount) {
        this.layers = layers;
        this.position = new int[nodeCount];
        for (int[] layer : layers) {
            renumber(layer);
        }
    }

    void renumber(int[] layer) {
        for (int i = 0; i < layer.length; i++) {
            position[layer[i]] = i;
        }
    }

    Ordering copy() {
        int[][] copied = new int[layers.length][];
        for (int r = 0; r < layers.length; r++) {
            copied[r] = layers[r].clone();
        }
        return new Ordering(copied, position.length);
    }

    void copyFrom(Ordering other) {
        for (int r = 0; r < layers.length; r++) {
            System.arraycopy(other.layers[r], 0, layers[r], 0, layers[r].length);
        }
        System.arraycopy(other.position, 0, position, 0, position.length);
    }
}
