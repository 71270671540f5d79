package io.archexplorer.samples.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelsTest {

    /**
     * By hand from torchvision's rule: 32 is a multiple already; 20 lies halfway and rounds up to 24; 83 rounds down to
     * 80, 3.6 % less, which is kept; 11.2 (MobileNetV2's 32-channel stem at α = 0.35) rounds down to 8, 29 % less, so
     * 16; 3 rounds to 0, raised to the divisor; with divisor 16, 100 rounds to 96.
     */
    @ParameterizedTest(name = "makeDivisible({0}, {1}) = {2}")
    @CsvSource({"32, 8, 32", "20, 8, 24", "83, 8, 80", "11.2, 8, 16", "3, 8, 8", "100, 16, 96"})
    void makeDivisibleRoundsToTheNearestMultipleButLosesAtMostTenPercent(double channels, int divisor, int expected) {
        assertEquals(expected, Channels.makeDivisible(channels, divisor));
    }

    /** 0.29 · 100 is 28.999999999999996 in binary, yet 29 channels; 0.5 · 257 floors to 128. */
    @ParameterizedTest(name = "scaled({0}, {1}) = {2}")
    @CsvSource({"0.29, 100, 29", "0.5, 257, 128", "0.3, 1024, 307"})
    void scaledFloorsTheExactProduct(double ratio, int channels, int expected) {
        assertEquals(expected, Channels.scaled(ratio, channels));
    }
}
