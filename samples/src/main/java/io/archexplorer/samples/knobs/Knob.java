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
    private final int maxLength;
    private final boolean autoList;

    /** How an empty list of a knob that may be left {@link #integerListOrAuto auto} is written. */
    public static final String AUTO = "auto";

    private Knob(String name, String symbol, String description, Type type, Object defaultValue, double min,
                 double max, List<String> choices, int maxLength) {
        this(name, symbol, description, type, defaultValue, min, max, choices, maxLength, false);
    }

    private Knob(String name, String symbol, String description, Type type, Object defaultValue, double min,
                 double max, List<String> choices, int maxLength, boolean autoList) {
        this.name = name;
        this.symbol = symbol;
        this.description = description;
        this.type = type;
        this.min = min;
        this.max = max;
        this.choices = List.copyOf(choices);
        this.maxLength = maxLength;
        this.autoList = autoList;
        this.defaultValue = defaultValue;
    }

    /** A whole number in [min, max]. */
    public static Knob integer(String name, String symbol, String description, int defaultValue, int min, int max) {
        return new Knob(name, symbol, description, Type.INTEGER, defaultValue, min, max, List.of(), 0);
    }

    /** A real number in [min, max]. */
    public static Knob real(String name, String symbol, String description, double defaultValue, double min,
                            double max) {
        return new Knob(name, symbol, description, Type.REAL, defaultValue, min, max, List.of(), 0);
    }

    /** On or off. */
    public static Knob toggle(String name, String symbol, String description, boolean defaultValue) {
        return new Knob(name, symbol, description, Type.TOGGLE, defaultValue, 0, 1, List.of(), 0);
    }

    /** One of a few named values; numeric choices (depth 18/34/50, width 0.5/1.0) parse to numbers. */
    public static Knob choice(String name, String symbol, String description, String defaultValue,
                              String... allowed) {
        return new Knob(name, symbol, description, Type.CHOICE, typedChoice(defaultValue), 0, 0, List.of(allowed), 0);
    }

    /** A comma-separated list of whole numbers, each in [min, max], of length 1 to maxLength. */
    public static Knob integerList(String name, String symbol, String description, List<Integer> defaultValue,
                                   int min, int max, int maxLength) {
        return new Knob(name, symbol, description, Type.INTEGER_LIST, List.copyOf(defaultValue), min, max,
                List.of(), maxLength);
    }

    /**
     * A list as {@link #integerList}, or {@code auto} (an empty list, the default): the family derives the list from
     * its other knobs, as ResNet's blocks per stage follow its depth unless they are given.
     */
    public static Knob integerListOrAuto(String name, String symbol, String description, int min, int max,
                                         int maxLength) {
        return new Knob(name, symbol, description, Type.INTEGER_LIST, List.of(), min, max, List.of(), maxLength, true);
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
            case INTEGER_LIST -> (autoList ? AUTO + " or " : "") + "1 to " + maxLength + " numbers, each "
                    + (long) min + ".." + (long) max;
        };
    }

    /**
     * Parses a value given as text. Numbers are plain decimal ASCII ({@link DecimalText}), the same rule for every
     * knob of every family; the text is taken as it is, spaces included.
     */
    public Object parse(String text) {
        return switch (type) {
            case INTEGER -> parseInteger(text);
            case REAL -> parseReal(text);
            case TOGGLE -> parseToggle(text);
            case CHOICE -> parseChoice(text);
            case INTEGER_LIST -> parseList(text);
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
            // Only a list knob that may be left auto has an empty value.
            if (list.isEmpty()) {
                return AUTO;
            }
            return list.stream().map(Object::toString).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    private int parseInteger(String t) {
        if (!DecimalText.isWhole(t)) {
            throw new KnobException(name, quoted(t) + " is not a whole number (allowed: " + allowedText() + ")");
        }
        long v = DecimalText.wholeValue(t);
        if (v < min || v > max) {
            throw new KnobException(name, shortened(t) + " is out of range " + allowedText());
        }
        return (int) v;
    }

    private double parseReal(String t) {
        if (!DecimalText.isReal(t)) {
            throw new KnobException(name, quoted(t) + " is not a decimal number (allowed: " + allowedText() + ")");
        }
        double v = DecimalText.realValue(t);
        if (!(v >= min && v <= max)) {
            throw new KnobException(name, shortened(t) + " is out of range " + allowedText());
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
                throw new KnobException(name, quoted(t) + " is not on or off");
        }
    }

    private Object parseChoice(String t) {
        for (String c : choices) {
            if (c.equalsIgnoreCase(t) || sameNumber(c, t)) {
                return typedChoice(c);
            }
        }
        throw new KnobException(name, quoted(t) + " is not one of " + allowedText());
    }

    private List<Integer> parseList(String t) {
        if (autoList && t.equalsIgnoreCase(AUTO)) {
            return List.of();
        }
        String[] parts = t.split(",", -1);
        if (parts.length > maxLength) {
            throw new KnobException(name, "needs 1 to " + maxLength + " comma-separated numbers, got " + quoted(t));
        }
        List<Integer> values = new ArrayList<>(parts.length);
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new KnobException(name, quoted(t) + " has an empty entry; write numbers separated by commas");
            }
            if (!DecimalText.isWhole(p)) {
                throw new KnobException(name, quoted(p) + " is not a whole number (allowed: " + allowedText() + ")");
            }
            long v = DecimalText.wholeValue(p);
            if (v < min || v > max) {
                throw new KnobException(name, shortened(p) + " is out of range " + (long) min + ".." + (long) max);
            }
            values.add((int) v);
        }
        return List.copyOf(values);
    }

    /** Numeric choices are numbers (depth 50 is an Integer, width 1.5 a Double) so files and JSON stay typed. */
    private static Object typedChoice(String c) {
        if (DecimalText.isWhole(c)) {
            return (int) DecimalText.wholeValue(c);
        }
        if (DecimalText.isReal(c)) {
            return DecimalText.realValue(c);
        }
        return c;
    }

    /**
     * A numeric choice is selected by the same number in plain decimal: "1.0" and "1" select the choice "1.0",
     * "0.50" selects "0.5"; a whole-number choice (depth 50) takes a whole number only, as an integer knob does.
     */
    private static boolean sameNumber(String choice, String t) {
        if (DecimalText.isWhole(choice)) {
            return DecimalText.isWhole(t) && DecimalText.wholeValue(t) == DecimalText.wholeValue(choice);
        }
        return DecimalText.isReal(choice) && DecimalText.isReal(t)
                && DecimalText.realValue(t) == DecimalText.realValue(choice);
    }

    /** The text a user gave, quoted, shortened so an error stays one readable line whatever was pasted. */
    private static String quoted(String t) {
        return "'" + shortened(t) + "'";
    }

    private static String shortened(String t) {
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }

    private static String trim(double v) {
        return DecimalText.format(v);
    }
}
