package io.archexplorer.samples.knobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An architecture knob: a named, typed, bounded design choice of a family, explained in the paper's terms.
 *
 * <p>Values travel as text on the command line and in files; {@link #parse(String)} turns text into the typed value
 * ({@link Integer}, {@link Double}, {@link Boolean}, {@link String} or {@code List<Integer>}) or fails with a
 * {@link KnobException} that names the knob and the allowed values.
 */
public final class Knob {

    /** What kind of value the knob takes; decides the parser and, in the window, the editor. */
    public enum Type { INTEGER, REAL, TOGGLE, CHOICE, INTEGER_LIST }

    private final String name;
    private final String symbol;
    private final String description;
    private final Type type;
    private final Object defaultValue;
    private final double min;
    private final double max;
    private final List<String> choices;
    private final int minLength;
    private final int maxLength;

    private Knob(String name, String symbol, String description, Type type, Object defaultValue, double min,
                 double max, List<String> choices, int minLength, int maxLength) {
        this.name = name;
        this.symbol = symbol;
        this.description = description;
        this.type = type;
        this.min = min;
        this.max = max;
        this.choices = List.copyOf(choices);
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.defaultValue = defaultValue;
    }

    /** A whole number in [min, max]. */
    public static Knob integer(String name, String symbol, String description, int defaultValue, int min, int max) {
        return new Knob(name, symbol, description, Type.INTEGER, defaultValue, min, max, List.of(), 0, 0);
    }

    /** A real number in [min, max]. */
    public static Knob real(String name, String symbol, String description, double defaultValue, double min,
                            double max) {
        return new Knob(name, symbol, description, Type.REAL, defaultValue, min, max, List.of(), 0, 0);
    }

    /** On or off. */
    public static Knob toggle(String name, String symbol, String description, boolean defaultValue) {
        return new Knob(name, symbol, description, Type.TOGGLE, defaultValue, 0, 1, List.of(), 0, 0);
    }

    /** One of a few named values; numeric choices (depth 18/34/50, width 0.5/1.0) parse to numbers. */
    public static Knob choice(String name, String symbol, String description, String defaultValue,
                              String... allowed) {
        return new Knob(name, symbol, description, Type.CHOICE, typedChoice(defaultValue), 0, 0, List.of(allowed), 0,
                0);
    }

    /** A comma-separated list of whole numbers, each in [min, max], of length 1 to maxLength. */
    public static Knob integerList(String name, String symbol, String description, List<Integer> defaultValue,
                                   int min, int max, int maxLength) {
        return new Knob(name, symbol, description, Type.INTEGER_LIST, List.copyOf(defaultValue), min, max,
                List.of(), 1, maxLength);
    }

    /**
     * A comma-separated list of exactly as many whole numbers as the default has, each in [min, max]: one per
     * stage of a net whose stages are fixed (Inception's A, B and C), or the k, l, m, n of a table.
     */
    public static Knob integerTuple(String name, String symbol, String description, List<Integer> defaultValue,
                                    int min, int max) {
        return new Knob(name, symbol, description, Type.INTEGER_LIST, List.copyOf(defaultValue), min, max,
                List.of(), defaultValue.size(), defaultValue.size());
    }

    public String name() {
        return name;
    }

    /** The paper's symbol (C, d, k, α, ρ, g, ...) or empty. */
    public String symbol() {
        return symbol;
    }

    /** How a figure names the knob: its paper symbol, or its name when the paper has none. */
    public String label() {
        return symbol.isEmpty() ? name : symbol;
    }

    /** One line in the paper's terms, e.g. "number of parallel paths in each ResNeXt block". */
    public String description() {
        return description;
    }

    public Type type() {
        return type;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    /** Lower bound of an integer, real or list-element knob. */
    public double min() {
        return min;
    }

    /** Upper bound of an integer, real or list-element knob. */
    public double max() {
        return max;
    }

    /** The allowed values of a choice knob. */
    public List<String> choices() {
        return choices;
    }


    /** The allowed values as one short text, e.g. {@code 18|34|50}, {@code 1..64}, {@code on|off}. */
    public String allowedText() {
        return switch (type) {
            case INTEGER -> (long) min + ".." + (long) max;
            case REAL -> trim(min) + ".." + trim(max);
            case TOGGLE -> "on|off";
            case CHOICE -> String.join("|", choices);
            case INTEGER_LIST -> (minLength == maxLength ? "" + maxLength : minLength + " to " + maxLength)
                    + " numbers, each " + (long) min + ".." + (long) max;
        };
    }

    /** Parses a value given as text. */
    public Object parse(String text) {
        String t = text.trim();
        return switch (type) {
            case INTEGER -> parseInteger(t);
            case REAL -> parseReal(t);
            case TOGGLE -> parseToggle(t);
            case CHOICE -> parseChoice(t);
            case INTEGER_LIST -> parseList(t);
        };
    }

    /** The canonical text of a value of this knob ({@link #parse(String)} of it gives the value back). */
    public String format(Object value) {
        return type == Type.REAL ? trim((Double) value) : text(value);
    }

    /**
     * A knob value as the command line writes it (on/off, 6,12,24,16, 0.5) when no knob is at hand, e.g. the knobs a
     * model file declares.
     */
    public static String text(Object value) {
        if (value instanceof Boolean b) {
            return b ? "on" : "off";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Object::toString).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    private int parseInteger(String t) {
        int v;
        try {
            v = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new KnobException(name, "'" + t + "' is not a whole number (allowed: " + allowedText() + ")");
        }
        if (v < min || v > max) {
            throw new KnobException(name, v + " is out of range " + allowedText());
        }
        return v;
    }

    private double parseReal(String t) {
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new KnobException(name, "'" + t + "' is not a number (allowed: " + allowedText() + ")");
        }
        if (!(v >= min && v <= max)) {
            throw new KnobException(name, trim(v) + " is out of range " + allowedText());
        }
        return v;
    }

    private boolean parseToggle(String t) {
        switch (t.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1":
                return true;
            case "off", "false", "no", "0":
                return false;
            default:
                throw new KnobException(name, "'" + t + "' is not on or off");
        }
    }

    private Object parseChoice(String t) {
        for (String c : choices) {
            if (c.equalsIgnoreCase(t) || sameNumber(c, t)) {
                return typedChoice(c);
            }
        }
        throw new KnobException(name, "'" + t + "' is not one of " + allowedText());
    }

    private List<Integer> parseList(String t) {
        String[] parts = t.split(",", -1);
        if (parts.length < minLength || parts.length > maxLength) {
            String count = minLength == maxLength ? "exactly " + maxLength : minLength + " to " + maxLength;
            throw new KnobException(name, "needs " + count + " comma-separated numbers, got '" + t + "'");
        }
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
            if (parts[i].isEmpty()) {
                throw new KnobException(name, "'" + t + "' has an empty entry; write numbers separated by commas");
            }
        }
        List<Integer> values = new ArrayList<>(parts.length);
        for (String p : parts) {
            int v;
            try {
                v = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new KnobException(name, "'" + p + "' is not a whole number");
            }
            if (v < min || v > max) {
                throw new KnobException(name, v + " is out of range " + (long) min + ".." + (long) max);
            }
            values.add(v);
        }
        return List.copyOf(values);
    }

    /** Numeric choices are numbers (depth 50 is an Integer, width 1.5 a Double) so files and JSON stay typed. */
    private static Object typedChoice(String c) {
        if (c.matches("-?\\d+")) {
            return Integer.parseInt(c);
        }
        if (c.matches("-?\\d*\\.\\d+")) {
            return Double.parseDouble(c);
        }
        return c;
    }

    /** "1.0" selects the choice "1.0" and also "1"; "0.50" selects "0.5". */
    private static boolean sameNumber(String choice, String t) {
        try {
            return Double.parseDouble(choice) == Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%s", v);
    }
}
