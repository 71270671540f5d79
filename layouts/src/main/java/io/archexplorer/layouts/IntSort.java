package io.archexplorer.layouts;

/**
 * Stable sort of an int range by a primitive comparator: sorting node indices without boxing them
 * into Integer[]. Insertion sort for the short ranges that dominate (ranks, neighbour lists),
 * merge sort above that.
 */
final class IntSort {
    private static final int INSERTION_LIMIT = 24;

    @FunctionalInterface
    interface IntComparator {
        int compare(int a, int b);
    }

    private IntSort() {
    }

    static void sort(int[] values, int from, int to, IntComparator order) {
        if (to - from <= INSERTION_LIMIT) {
            insertionSort(values, from, to, order);
            return;
        }
        int[] scratch = new int[to - from];
        mergeSort(values, from, to, scratch, order);
    }

    private static void insertionSort(int[] values, int from, int to, IntComparator order) {
        for (int i = from + 1; i < to; i++) {
            int v = values[i];
            int j = i - 1;
            while (j >= from && order.compare(values[j], v) > 0) {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = v;
        }
    }

    private static void mergeSort(int[] values, int from, int to, int[] scratch, IntComparator order) {
        if (to - from <= INSERTION_LIMIT) {
            insertionSort(values, from, to, order);
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(values, from, mid, scratch, order);
        mergeSort(values, mid, to, scratch, order);
        if (order.compare(values[mid - 1], values[mid]) <= 0) {
            return;
        }
        System.arraycopy(values, from, scratch, 0, mid - from);
        int left = 0;
        int leftEnd = mid - from;
        int right = mid;
        int out = from;
        while (left < leftEnd && right < to) {
            values[out++] = order.compare(values[right], scratch[left]) < 0 ? values[right++] : scratch[left++];
        }
        while (left < leftEnd) {
            values[out++] = scratch[left++];
        }
    }
}
