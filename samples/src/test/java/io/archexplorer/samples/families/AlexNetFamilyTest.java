package io.archexplorer.samples.families;

import static io.archexplorer.samples.families.BuiltModel.assertKnobError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.Shape;
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

    /**
     * Zeiler & Fergus 2013, Figure 3: 96 7×7/2 filters to 110×110, pooled to 55×55; 256 5×5/2 filters to 26×26,
     * pooled to 13×13; 384, 384 and 256 3×3 filters at 13×13, pooled to 6×6; fc 4096, 4096, 1000. Params by the
     * convolution and fc formulas (weights and biases): 62,357,608.
     */
    @Test
    void zfnetHasFigure3sMapsAndFilters() {
        BuiltModel m = BuiltModel.of("zfnet");
        assertEquals(Shape.of(1, 96, 110, 110), m.shape("conv1"));
        assertEquals(Shape.of(1, 96, 55, 55), m.shape("pool1"));
        assertEquals(Shape.of(1, 256, 26, 26), m.shape("conv2"));
        assertEquals(Shape.of(1, 256, 13, 13), m.shape("pool2"));
        assertEquals(Shape.of(1, 384, 13, 13), m.shape("conv4"));
        assertEquals(Shape.of(1, 256, 6, 6), m.shape("pool5"));
        assertEquals("7×7/2, 96", m.layer("conv1").op().attributesSummary().replaceAll(", p=\\d+", ""));
        long params = 96L * 3 * 49 + 96 + 256L * 96 * 25 + 256 + 384L * 256 * 9 + 384 + 384L * 384 * 9 + 384
                + 256L * 384 * 9 + 256 + 9216L * 4096 + 4096 + 4096L * 4096 + 4096 + 4096L * 1000 + 1000;
        assertEquals(62_357_608, params);
        assertEquals(params, m.totals().params());
        assertEquals(BuiltModel.of("alexnet").totals(), BuiltModel.of("zfnet", "variant=alexnet").totals());
    }

    @Test
    void badKnobValuesNameTheKnob() {
        assertKnobError("alexnet", "variant", "vgg");
        assertKnobError("alexnet", "groups", "3");
        assertKnobError("alexnet", "resolution", "5000");
    }
}
