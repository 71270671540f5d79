package io.archexplorer.samples.knobs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The typed values of a family's knobs, in the family's knob order. Immutable. */
public final class KnobValues {
    private final List<Knob> knobs;
    private final Map<String, Object> values;

    private KnobValues(List<Knob> knobs, Map<String, Object> values) {
        this.knobs = knobs;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Every knob at its default. */
    public static KnobValues defaults(List<Knob> knobs) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (Knob k : knobs) {
            v.put(k.name(), k.defaultValue());
        }
        return new KnobValues(List.copyOf(knobs), v);
    }

    /** A copy with one knob set from text. */
    public KnobValues with(String name, String text) {
        Knob knob = knob(name);
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.put(name, knob.parse(text));
        return new KnobValues(knobs, v);
    }

    /** A copy with several knobs set from text, in order. */
    public KnobValues with(Map<String, String> texts) {
        KnobValues result = this;
        for (Map.Entry<String, String> e : texts.entrySet()) {
            result = result.with(e.getKey(), e.getValue());
        }
        return result;
    }

    public Knob knob(String name) {
        for (Knob k : knobs) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        String known = knobs.stream().map(Knob::name).collect(Collectors.joining(", "));
        String hint = knobs.stream().map(Knob::name).filter(k -> editDistance(k, name) <= 2).findFirst()
                .map(k -> "did you mean '" + k + "'? ").orElse("");
        throw new KnobException(name, "unknown knob (" + hint + "knobs: " + known + ")");
    }

    /** Levenshtein distance, to suggest the knob a typo meant. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    public List<Knob> knobs() {
        return knobs;
    }

    public Object get(String name) {
        knob(name);
        return values.get(name);
    }

    public int integer(String name) {
        return (Integer) get(name);
    }

    public double real(String name) {
        return (Double) get(name);
    }

    public boolean toggle(String name) {
        return (Boolean) get(name);
    }

    public String choice(String name) {
        return get(name).toString();
    }

    @SuppressWarnings("unchecked")
    public List<Integer> integerList(String name) {
        return (List<Integer>) get(name);
    }

    /** Knob name → typed value, in knob order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Knob name → canonical text, in knob order. */
    public Map<String, String> asText() {
        Map<String, String> t = new LinkedHashMap<>();
        for (Knob k : knobs) {
            t.put(k.name(), k.format(values.get(k.name())));
        }
        return t;
    }

    /** The knobs as the papers write them, e.g. {@code depth=50, C=32, d=4, resolution=224}. */
    public String summary() {
        return knobs.stream().map(this::written).collect(Collectors.joining(", "));
    }

    /** Only the knobs whose value differs from {@code other}'s, as {@link #summary}; empty when none does. */
    public String differencesFrom(KnobValues other) {
        return knobs.stream().filter(k -> !values.get(k.name()).equals(other.values.get(k.name())))
                .map(this::written).collect(Collectors.joining(", "));
    }

    private String written(Knob k) {
        return k.label() + "=" + k.format(values.get(k.name()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnobValues kv && values.equals(kv.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return asText().toString();
    }
}
