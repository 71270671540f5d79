package io.archexplorer.engine.io.caffe;

import java.util.List;
import java.util.Optional;

/**
 * A message of a protobuf text file: its fields in file order, repeated fields as several entries. Every field
 * keeps the line and column where its name starts, so the importer can point at the value it complains about.
 */
record PrototxtMessage(List<Field> fields) {

    /**
     * One field: a scalar (its text: an identifier such as an enum value, a number, or a string's content) or a
     * nested message.
     */
    record Field(String name, String scalar, PrototxtMessage message, int line, int column) {
        boolean isMessage() {
            return message != null;
        }
    }

    PrototxtMessage {
        fields = List.copyOf(fields);
    }

    static final PrototxtMessage EMPTY = new PrototxtMessage(List.of());

    List<Field> all(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).toList();
    }

    Optional<Field> first(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * The field {@code name} that protobuf declares singular: given twice, the text format would silently keep the
     * last value (Caffe) or the first (a reader taking the first), so a repetition is refused at the second one.
     */
    Optional<Field> single(String name) {
        List<Field> all = all(name);
        if (all.size() > 1) {
            Field first = all.get(0);
            throw new BadValue(all.get(1), "'" + name + "' is given twice (first at line " + first.line() + ":"
                    + first.column() + "); it takes one value");
        }
        return all.stream().findFirst();
    }

    boolean has(String name) {
        return first(name).isPresent();
    }

    /** The nested message {@code name}, or an empty one when absent (protobuf's default for a message field). */
    PrototxtMessage message(String name) {
        Optional<Field> f = single(name);
        if (f.isPresent() && !f.get().isMessage()) {
            throw new BadValue(f.get(), "expected '" + name + " { ... }'");
        }
        return f.map(Field::message).orElse(EMPTY);
    }

    /** The scalar {@code name} as text (a string's content or an enum name), or {@code absent}. */
    String text(String name, String absent) {
        return single(name).map(f -> scalar(f)).orElse(absent);
    }

    int integer(String name, int absent) {
        return single(name).map(PrototxtMessage::integer).orElse(absent);
    }

    /** Every value of the repeated integer field {@code name}, in file order. */
    List<Integer> integers(String name) {
        return all(name).stream().map(PrototxtMessage::integer).toList();
    }

    double decimal(String name, double absent) {
        return single(name).map(PrototxtMessage::decimal).orElse(absent);
    }

    List<Double> decimals(String name) {
        return all(name).stream().map(PrototxtMessage::decimal).toList();
    }

    boolean bool(String name, boolean absent) {
        return single(name).map(f -> switch (scalar(f)) {
            case "true", "True", "1" -> true;
            case "false", "False", "0" -> false;
            default -> throw new BadValue(f, "expected true or false for '" + name + "', got '" + f.scalar() + "'");
        }).orElse(absent);
    }

    private static String scalar(Field f) {
        if (f.isMessage()) {
            throw new BadValue(f, "expected a value for '" + f.name() + "', not a message");
        }
        return f.scalar();
    }

    private static int integer(Field f) {
        try {
            return Integer.parseInt(scalar(f));
        } catch (NumberFormatException e) {
            throw new BadValue(f, "expected a whole number for '" + f.name() + "', got '" + f.scalar() + "'");
        }
    }

    private static double decimal(Field f) {
        double value;
        try {
            value = Double.parseDouble(scalar(f));
        } catch (NumberFormatException e) {
            throw new BadValue(f, "expected a number for '" + f.name() + "', got '" + f.scalar() + "'");
        }
        if (!Double.isFinite(value)) {
            throw new BadValue(f, "expected a finite number for '" + f.name() + "', got '" + f.scalar() + "'");
        }
        return value;
    }

    /** A field whose value is not what the importer needs; carries the field's position for the message. */
    static final class BadValue extends RuntimeException {
        final transient Field field;

        BadValue(Field field, String message) {
            super(message);
            this.field = field;
        }
    }
}
