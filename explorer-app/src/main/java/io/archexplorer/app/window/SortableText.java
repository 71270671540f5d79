package io.archexplorer.app.window;

/**
 * A table cell's value: the text it shows and the number it sorts by, so "1,234,567" sorts as a number and
 * "fused" or an empty cell sorts below every figure. Its {@link #toString()} is what the default cells display,
 * which keeps tree tables and plain tables free of custom cell factories.
 */
public record SortableText(String text, double key) implements Comparable<SortableText> {
    /** A cell without a figure (not measured, not applicable): sorts below every figure. */
    public static SortableText blank(String text) {
        return new SortableText(text, Double.NEGATIVE_INFINITY);
    }

    @Override
    public int compareTo(SortableText o) {
        return Double.compare(key, o.key);
    }

    @Override
    public String toString() {
        return text;
    }
}
