package io.archexplorer.samples.knobs;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one spelling of numbers every knob accepts: plain decimal ASCII, as a user types it and as {@link Knob#format}
 * writes it. A whole number is an optional minus and digits without leading zeros ({@code 0}, {@code 50},
 * {@code -3}); a real number may add a fraction ({@code 0.5}, {@code 1.0}). Refused, whatever the knob:
 * surrounding spaces, a plus sign, leading zeros ({@code 007}), exponents ({@code 1e3}), Java's suffixes and hex
 * ({@code 1d}, {@code 0x1p-1}), other scripts' digits ({@code ٣}), {@code NaN} and {@code Infinity} — the rules
 * {@link Integer#parseInt} and {@link Double#parseDouble} apply differ, so neither decides alone.
 */
public final class DecimalText {
    private static final Pattern WHOLE = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern REAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
    /** Digits beyond which a whole number is certainly outside an int; the exact check follows. */
    private static final int MAX_WHOLE_DIGITS = 18;

    private DecimalText() {
    }

    /** True when {@code text} is a whole number in this spelling (of any size). */
    public static boolean isWhole(String text) {
        return WHOLE.matcher(text).matches();
    }

    /** True when {@code text} is a real number in this spelling (a whole number is one too). */
    public static boolean isReal(String text) {
        return REAL.matcher(text).matches();
    }

    /**
     * The whole number's value clamped to the long range, for a range check with an exact message; only called when
     * {@link #isWhole} holds.
     */
    public static long wholeValue(String text) {
        String digits = text.startsWith("-") ? text.substring(1) : text;
        if (digits.length() > MAX_WHOLE_DIGITS) {
            return text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return Long.parseLong(text);
    }

    /** The real number's value; only called when {@link #isReal} holds (so it is finite). */
    public static double realValue(String text) {
        return new BigDecimal(text).doubleValue();
    }

    /** A double in this spelling: no exponent, at least one decimal ({@code 224.0}, {@code 0.0001}). */
    public static String format(double value) {
        String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
