package io.archexplorer.app.window;

/** What the graph's colours show. */
public enum Overlay {
    OP_TYPE("op type"),
    MULT_ADDS("share of mult-adds"),
    MAC("share of MAC"),
    TIME("share of measured time");

    private final String label;

    Overlay(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
