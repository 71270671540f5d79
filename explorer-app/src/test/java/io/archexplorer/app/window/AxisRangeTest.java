package io.archexplorer.app.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AxisRangeTest {

    @Test
    void padsTheDataAndEndsOnRoundTicks() {
        AxisRange r = AxisRange.around(13.06, 23.78);
        // span 10.72, padding 1.29 each side: about 13.3 over 6 ticks → a tick of 2.5
        assertEquals(2.5, r.tick(), 1e-12);
        assertEquals(10, r.lower(), 1e-12);
        assertEquals(27.5, r.upper(), 1e-12);
    }

    @Test
    void neverGoesBelowZero() {
        AxisRange r = AxisRange.around(1, 100);
        assertEquals(0, r.lower());
        assertEquals(25, r.tick(), 1e-12);
        assertEquals(125, r.upper(), 1e-12);
    }

    @Test
    void aSinglePointGetsRoomAroundIt() {
        AxisRange r = AxisRange.around(7.24, 7.24);
        assertTrue(r.lower() < 7.24 - 0.5 && r.upper() > 7.24 + 0.5, r.toString());
    }
}
