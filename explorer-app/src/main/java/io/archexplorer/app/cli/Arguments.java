package io.archexplorer.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The parsed words of one subcommand: positional arguments and {@code --option value} pairs. */
public final class Arguments {
    private final String command;
    private final List<String> positional;
    private final Map<String, List<String>> options;

    private Arguments(String command, List<String> positional, Map<String, List<String>> options) {
        this.command = command;
        this.positional = positional;
        this.options = options;
    }

    /**
     * Parses {@code words}; every option takes a value ({@code --format json} or {@code --format=json}).
     *
     * @param allowed the options this command accepts, without the leading dashes
     */
    public static Arguments parse(String command, List<String> words, Set<String> allowed) {
        return parse(command, words, allowed, Set.of());
    }

    /** As {@link #parse(String, List, Set)}, plus {@code flags}: options that take no value ({@code --stats}). */
    public static Arguments parse(String command, List<String> words, Set<String> allowed, Set<String> flags) {
        List<String> positional = new ArrayList<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("--")) {
                positional.add(w);
                continue;
            }
            String name = w.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name) && value == null) {
                options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                continue;
            }
            if (!allowed.contains(name)) {
                Set<String> known = new TreeSet<>(allowed);
                known.addAll(flags);
                throw new UsageException("unknown option '--" + name + "' for " + command
                        + (known.isEmpty() ? " (it takes no options)" : " (options: --" + String.join(", --",
                        known) + ")"));
            }
            if (value == null) {
                if (i + 1 >= words.size()) {
                    throw new UsageException("option '--" + name + "' needs a value");
                }
                value = words.get(++i);
            }
            if (!name.equals("set") && options.containsKey(name)) {
                throw new UsageException("--" + name + " is given twice");
            }
            options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new Arguments(command, positional, options);
    }

    public List<String> positional() {
        return positional;
    }

    /** The one positional argument the command needs, named {@code what} in the error. */
    public String single(String what) {
        if (positional.size() != 1) {
            throw new UsageException(command + " needs exactly one " + what + (positional.isEmpty() ? ""
                    : ", got " + String.join(" ", positional)));
        }
        return positional.get(0);
    }

    /** Whether a flag was given. */
    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /** The value of an option, or {@code fallback}. */
    public String option(String name, String fallback) {
        List<String> values = options.get(name);
        return values == null ? fallback : values.get(0);
    }

    /** A required option's value. */
    public String required(String name) {
        String v = option(name, null);
        if (v == null) {
            throw new UsageException(command + " needs --" + name);
        }
        return v;
    }

    /** An option restricted to a few values. */
    public String choice(String name, String fallback, List<String> choices) {
        String v = option(name, fallback);
        if (!choices.contains(v)) {
            throw new UsageException("--" + name + " must be one of " + String.join(", ", choices) + ", got '" + v + "'");
        }
        return v;
    }

    /** All values of a repeatable option. */
    public List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    /** {@code --set KNOB=VALUE} options as an ordered map. */
    public Map<String, String> knobSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String s : all("set")) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set needs KNOB=VALUE, got '" + s + "'");
            }
            String knob = s.substring(0, eq).trim();
            if (settings.put(knob, s.substring(eq + 1)) != null) {
                throw new UsageException("--set " + knob + " is given twice");
            }
        }
        return settings;
    }
}
