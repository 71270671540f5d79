package io.archexplorer.samples.families;

import static io.archexplorer.samples.families.BuiltModel.assertKnobError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AlexNetFamilyTest {

    /**
     * Two towers halve the weights of conv2, conv4 and conv5 (each filter sees half the input channels); biases stay,
     * one per output channel. Expected values are the convolution formulas with torchvision's widths.
     */
    @Test
    void twoTowersHalveTheWeightsOfConv2Conv4AndConv5() {
        BuiltModel one = BuiltModel.of("alexnet");
        BuiltModel two = BuiltModel.of("alexnet", "groups=2");
        assertEquals(192L * 64 * 5 * 5 + 192, one.cost("conv2").params());
        assertEquals(192L * 32 * 5 * 5 + 192, two.cost("conv2").params());
        assertEquals(256L * 384 * 3 * 3 + 256, one.cost("conv4").params());
        assertEquals(256L * 192 * 3 * 3 + 256, two.cost("conv4").params());
        assertEquals(256L * 256 * 3 * 3 + 256, one.cost("conv5").params());
        assertEquals(256L * 128 * 3 * 3 + 256, two.cost("conv5").params());
        assertEquals(one.cost("conv3").params(), two.cost("conv3").params(), "conv3 reads both towers");
        long halvedWeights = (192L * 64 * 25 + 256L * 384 * 9 + 256L * 256 * 9) / 2;
        assertEquals(halvedWeights, one.totals().params() - two.totals().params());
        assertEquals(one.shape("conv5"), two.shape("conv5"));
    }

    @Test
    void adaptivePoolingKeepsTheClassifierAtAnyResolution() {
        BuiltModel m = BuiltModel.of("alexnet", "resolution=320");
        assertEquals(9216L * 4096 + 4096, m.cost("fc6").params());
    }

    @Test
    void badKnobValuesNameTheKnob() {
        assertKnobError("alexnet", "groups", "3");
        assertKnobError("alexnet", "resolution", "5000");
    }
}
