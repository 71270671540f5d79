package io.archexplorer.app.diagram;

import java.util.Locale;

/** A colour with alpha, independent of any toolkit (SVG, Java2D and JavaFX surfaces convert it). */
public record Rgb(int red, int green, int blue, double alpha) {

    public static Rgb hex(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return new Rgb(v >> 16 & 0xff, v >> 8 & 0xff, v & 0xff, 1);
    }

    public String hex() {
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }

    public Rgb withAlpha(double a) {
        return new Rgb(red, green, blue, a);
    }

    /** Mixed with white: {@code amount} 0 keeps the colour, 1 gives white. */
    public Rgb lighter(double amount) {
        return new Rgb(mix(red, amount), mix(green, amount), mix(blue, amount), alpha);
    }

    /** Mixed with black. */
    public Rgb darker(double amount) {
        return new Rgb((int) Math.round(red * (1 - amount)), (int) Math.round(green * (1 - amount)),
                (int) Math.round(blue * (1 - amount)), alpha);
    }

    private static int mix(int c, double amount) {
        return (int) Math.round(c + (255 - c) * amount);
    }
}
