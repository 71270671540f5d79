package io.archexplorer.samples.knobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A list knob that may be left {@code auto}: "auto" is the empty list, written back as "auto"; an empty text is
 * refused like any malformed list (one rule for every knob: nothing is read into what was not written).
 */
class AutoListKnobTest {
    private final Knob blocks = Knob.integerListOrAuto("blocks", "", "blocks per stage", 1, 256, 4);

    @Test
    void autoIsTheEmptyListAndTheDefault() {
        assertEquals(List.of(), blocks.defaultValue());
        assertEquals(List.of(), blocks.parse("auto"));
        assertEquals(List.of(), blocks.parse("AUTO"));
        assertEquals("blocks", assertThrows(KnobException.class, () -> blocks.parse("")).knob());
        assertEquals("auto", blocks.format(List.of()));
        assertEquals(List.of(3, 4, 6, 3), blocks.parse(blocks.format(List.of(3, 4, 6, 3))));
        assertEquals("auto or 1 to 4 numbers, each 1..256", blocks.allowedText());
    }

    @Test
    void otherwiseItIsAnOrdinaryList() {
        assertEquals("blocks", assertThrows(KnobException.class, () -> blocks.parse("3,0")).knob());
        assertThrows(KnobException.class, () -> blocks.parse("1,2,3,4,5"));
        Knob plain = Knob.integerList("blocks", "", "dense layers per block", List.of(6, 12), 1, 64, 4);
        assertThrows(KnobException.class, () -> plain.parse("auto"));
        assertThrows(KnobException.class, () -> plain.parse(""));
    }
}
