package io.archexplorer.app.report;

import java.util.Locale;

/** Number formats shared by every report. */
public final class Numbers {
    private Numbers() {
    }

    /** 25028904 → {@code 25,028,904}. */
    public static String grouped(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    /** 25028904 → {@code 25.03 M}; 4230480872 → {@code 4.23 G}. */
    public static String human(long n) {
        double v = n;
        if (Math.abs(v) >= 1e9) {
            return String.format(Locale.US, "%.2f G", v / 1e9);
        }
        if (Math.abs(v) >= 1e6) {
            return String.format(Locale.US, "%.2f M", v / 1e6);
        }
        if (Math.abs(v) >= 1e3) {
            return String.format(Locale.US, "%.2f K", v / 1e3);
        }
        return Long.toString(n);
    }

    /** A measured figure for CSV: 6 significant digits, no grouping ({@code 12.3457}). */
    public static String plain(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** 26214400 → {@code 25.0 MiB}. */
    public static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.US, "%.2f GiB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.US, "%.1f MiB", b / (double) (1L << 20));
        }
        return String.format(Locale.US, "%.1f KiB", b / 1024.0);
    }
}
