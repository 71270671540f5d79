package io.archexplorer.app.study;

import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The values a sweep takes, from the text a user types: {@code V1,V2,…} (for a list knob, whose values hold commas,
 * separated by {@code ;}), or {@code FROM..TO[:STEP]} (whole numbers step 1 by default, real numbers in 10 steps,
 * choices every allowed value between the two).
 */
public final class KnobRange {
    /** More values than a chart or a class can follow. */
    public static final int MAX_VALUES = 200;

    private KnobRange() {
    }

    /**
     * @return each value's canonical text, in order, without repeats
     * @throws VariantException naming the knob for text that is not a range of it
     */
    public static List<String> values(Knob knob, String spec) {
        try {
            List<String> values = spec.contains("..") ? range(knob, spec) : list(knob, spec);
            if (values.size() > MAX_VALUES) {
                throw new VariantException(knob.name(), "knob '" + knob.name() + "': " + values.size()
                        + " values; a sweep takes at most " + MAX_VALUES + " (use a larger step)");
            }
            return values;
        } catch (KnobException e) {
            throw new VariantException(knob.name(), e.getMessage());
        }
    }

    private static List<String> list(Knob knob, String spec) {
        String separator = knob.type() == Knob.Type.INTEGER_LIST ? ";" : ",";
        LinkedHashSet<String> values = new LinkedHashSet<>();
        for (String part : spec.split(separator, -1)) {
            if (part.isBlank()) {
                throw bad(knob, "'" + spec + "' has an empty value; write values separated by '" + separator + "'");
            }
            values.add(knob.format(knob.parse(part)));
        }
        return List.copyOf(values);
    }

    private static List<String> range(Knob knob, String spec) {
        String[] fromTo = spec.split("\\.\\.", 2);
        String[] toStep = fromTo[1].split(":", 2);
        String from = fromTo[0].trim();
        String to = toStep[0].trim();
        String step = toStep.length > 1 ? toStep[1].trim() : null;
        return switch (knob.type()) {
            case INTEGER -> integers(knob, (Integer) knob.parse(from), (Integer) knob.parse(to), step);
            case REAL -> reals(knob, (Double) knob.parse(from), (Double) knob.parse(to), step);
            case CHOICE -> choices(knob, from, to);
            default -> throw bad(knob, "a range FROM..TO needs a number or choice knob; give the values: V1,V2,...");
        };
    }

    private static List<String> integers(Knob knob, int from, int to, String stepText) {
        int step = 1;
        if (stepText != null) {
            try {
                step = Integer.parseInt(stepText);
            } catch (NumberFormatException e) {
                throw bad(knob, "step '" + stepText + "' is not a whole number");
            }
        }
        if (step <= 0) {
            throw bad(knob, "step must be positive, got " + step);
        }
        if (to < from) {
            throw bad(knob, "range " + from + ".." + to + " runs backwards");
        }
        if ((long) (to - from) / step + 1 > MAX_VALUES) {
            throw bad(knob, ((long) (to - from) / step + 1) + " values; a sweep takes at most " + MAX_VALUES
                    + " (use a larger step)");
        }
        List<String> values = new ArrayList<>();
        for (long v = from; v <= to; v += step) {
            values.add(Long.toString(v));
        }
        return values;
    }

    private static List<String> reals(Knob knob, double from, double to, String stepText) {
        if (to < from) {
            throw bad(knob, "range " + from + ".." + to + " runs backwards");
        }
        // Decimal arithmetic, so 0.5..1.0:0.1 gives 0.7, not 0.7000000000000001.
        BigDecimal step;
        try {
            step = stepText != null ? new BigDecimal(stepText)
                    : BigDecimal.valueOf((to - from) / 10).stripTrailingZeros();
        } catch (NumberFormatException e) {
            throw bad(knob, "step '" + stepText + "' is not a number");
        }
        if (step.signum() <= 0) {
            return List.of(knob.format(from));
        }
        BigDecimal end = BigDecimal.valueOf(to);
        if (end.subtract(BigDecimal.valueOf(from)).divide(step, java.math.RoundingMode.FLOOR).longValue() + 1
                > MAX_VALUES) {
            throw bad(knob, "more than " + MAX_VALUES + " values; use a larger step");
        }
        List<String> values = new ArrayList<>();
        for (BigDecimal v = BigDecimal.valueOf(from); v.compareTo(end) <= 0; v = v.add(step)) {
            values.add(knob.format(v.doubleValue()));
        }
        return values;
    }

    private static List<String> choices(Knob knob, String from, String to) {
        List<String> all = knob.choices();
        int a = all.indexOf(knob.format(knob.parse(from)));
        int b = all.indexOf(knob.format(knob.parse(to)));
        if (a < 0 || b < 0 || b < a) {
            throw bad(knob, "range " + from + ".." + to + " is not in the order of " + knob.allowedText());
        }
        return List.copyOf(all.subList(a, b + 1));
    }

    private static KnobException bad(Knob knob, String message) {
        return new KnobException(knob.name(), message);
    }
}
