package io.archexplorer.app.report;

import java.util.List;
import java.util.stream.Collectors;

/** Knob values as the command line writes them: on/off, 6,12,24,16, 0.5. */
final class KnobText {
    private KnobText() {
    }

    static String format(Object value) {
        if (value instanceof Boolean b) {
            return b ? "on" : "off";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Object::toString).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
