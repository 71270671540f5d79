package io.archexplorer.samples.knobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every knob of every family in {@link Catalog#standard()} — families added later included, as the cases come from
 * the knobs' types and bounds, not from a list — at its bounds, just past them and at junk text: each value either
 * builds a net whose analysis is finite and consistent, or is refused with the one-line knob error naming the knob.
 * And the one spelling of numbers: text that is not plain decimal ASCII is refused by every numeric knob alike.
 */
class KnobPropertyTest {
    /** Spellings some parser accepts as a number and the knobs must not (issue 16's probe found each). */
    static final List<String> NOT_PLAIN_DECIMAL = List.of("٣", "1d", "0x1p-1", "+5", " 5", "5 ", "007", "1e3", "NaN",
            "Infinity", "-Infinity", ".5", "5.", "1_000", "1,5", "", "five", "0x10", "1f", "\t1", "５");

    @TestFactory
    Stream<DynamicTest> everyKnobOfEveryFamilyAtItsBoundsAndJunk() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Family family : Catalog.standard().families()) {
            for (Knob knob : family.knobs()) {
                tests.add(DynamicTest.dynamicTest(family.name() + " " + knob.name(), () -> {
                    for (String text : valuesToTry(knob)) {
                        tryValue(family, knob, text);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> numbersThatAreNotPlainDecimalAreRefusedByEveryNumericKnob() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Family family : Catalog.standard().families()) {
            for (Knob knob : family.knobs()) {
                if (knob.type() == Knob.Type.TOGGLE || (knob.type() == Knob.Type.CHOICE && !numeric(knob))) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(family.name() + " " + knob.name(), () -> {
                    for (String text : NOT_PLAIN_DECIMAL) {
                        if (knob.type() == Knob.Type.INTEGER_LIST && text.equals("1,5")) {
                            continue; // a list of 1 and 5
                        }
                        KnobException e = assertThrows(KnobException.class, () -> knob.parse(text),
                                family.name() + " " + knob.name() + " accepted '" + text + "'");
                        assertOneLineKnobError(knob, e);
                    }
                    if (knob.type() == Knob.Type.INTEGER || knob.type() == Knob.Type.INTEGER_LIST
                            || knob.type() == Knob.Type.CHOICE && knob.choices().stream().allMatch(
                                    DecimalText::isWhole)) {
                        // A whole-number knob takes whole numbers only: 50.0 is not the depth 50.
                        String whole = firstAllowedWholeNumber(knob);
                        assertThrows(KnobException.class, () -> knob.parse(whole + ".0"), knob.name());
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** The bounds, one step past them, the default's own text, and junk, from the knob's type alone. */
    static List<String> valuesToTry(Knob knob) {
        List<String> values = new ArrayList<>();
        values.add(knob.format(knob.defaultValue()));
        long min = (long) knob.min();
        long max = (long) knob.max();
        switch (knob.type()) {
            case INTEGER -> values.addAll(List.of("" + min, "" + max, "" + (min - 1), "" + (max + 1),
                    "" + Integer.MAX_VALUE, "" + Integer.MIN_VALUE, "99999999999999999999"));
            case REAL -> values.addAll(List.of(knob.format(knob.min()), knob.format(knob.max()),
                    DecimalText.format(knob.min() - 0.001), DecimalText.format(knob.max() + 0.001),
                    DecimalText.format(knob.max() * 1e6)));
            case TOGGLE -> values.addAll(List.of("on", "off", "2", "maybe"));
            case CHOICE -> {
                values.addAll(knob.choices());
                values.add("not-a-choice");
            }
            case INTEGER_LIST -> {
                values.addAll(List.of("" + min, "" + max, "" + (min - 1), "" + (max + 1), "1,,2", ",",
                        (min + ",").repeat(1000) + min));
                String defaults = knob.format(knob.defaultValue());
                values.add(defaults.replaceFirst("^\\d+", "" + max));
                values.add(defaults.replaceFirst("^\\d+", "" + min));
            }
            default -> fail("a knob type this test does not know: " + knob.type());
        }
        values.addAll(NOT_PLAIN_DECIMAL);
        return values;
    }

    private static void tryValue(Family family, Knob knob, String text) {
        String label = family.name() + " --set " + knob.name() + "='" + text + "'";
        Net net;
        try {
            KnobValues values = family.defaults().with(knob.name(), text);
            Object parsed = values.get(knob.name());
            assertEquals(parsed, knob.parse(knob.format(parsed)), label + ": format then parse gives the value back");
            net = family.build(family.name(), values);
        } catch (KnobException e) {
            assertOneLineKnobError(knob, e);
            return;
        } catch (InvalidNetException e) {
            // A combination the family accepts but whose net is impossible: a located one-line message.
            assertFalse(e.getMessage().contains("\n"), label + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith("layer '"), label + ": " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            throw new AssertionError(label + ": neither a net nor a knob error: " + e, e);
        }
        LayerCost totals = CostAnalysis.analyze(net).totals();
        assertTrue(totals.params() >= 0 && totals.multAdds() >= 0 && totals.mac() > 0
                && totals.activations() > 0, label + ": " + totals);
        assertTrue(totals.batchNormParams() <= totals.params(), label + ": " + totals);
        assertTrue(totals.mac() >= totals.params() + totals.activations(), label + ": MAC counts params and outputs");
    }

    private static void assertOneLineKnobError(Knob knob, KnobException e) {
        String message = e.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("knob '"), message);
        assertFalse(message.matches(".*\\b(java|io)\\.[a-z]+\\..*"), message);
        assertTrue(message.length() < 400, message);
    }

    private static boolean numeric(Knob knob) {
        return knob.choices().stream().allMatch(DecimalText::isReal);
    }

    private static String firstAllowedWholeNumber(Knob knob) {
        return knob.type() == Knob.Type.CHOICE ? knob.choices().get(0) : "" + (long) knob.min();
    }
}
