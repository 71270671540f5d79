package io.archexplorer.app.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table whose columns size themselves to their content; numeric columns align right. */
public final class TextTable {
    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** @param headers column titles; a title starting with '>' is a right-aligned column (the '>' is dropped) */
    public TextTable(String... headers) {
        this.headers = new ArrayList<>();
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            this.headers.add(rightAligned[i] ? headers[i].substring(1) : headers[i]);
        }
    }

    public void row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(cells);
    }

    /** A full-width rule between groups of rows. */
    public void rule() {
        rows.add(null);
    }

    public void print(PrintStream out) {
        int[] width = new int[headers.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = headers.get(c).length();
        }
        for (String[] r : rows) {
            if (r != null) {
                for (int c = 0; c < width.length; c++) {
                    width[c] = Math.max(width[c], r[c].length());
                }
            }
        }
        int total = 0;
        for (int w : width) {
            total += w + 2;
        }
        printRow(out, headers.toArray(String[]::new), width);
        out.println("─".repeat(total - 2));
        for (String[] r : rows) {
            if (r == null) {
                out.println("─".repeat(total - 2));
            } else {
                printRow(out, r, width);
            }
        }
    }

    private void printRow(PrintStream out, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String pad = " ".repeat(width[c] - cells[c].length());
            line.append(rightAligned[c] ? pad + cells[c] : cells[c] + pad);
            if (c < cells.length - 1) {
                line.append("  ");
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
