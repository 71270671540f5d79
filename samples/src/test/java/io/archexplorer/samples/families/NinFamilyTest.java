package io.archexplorer.samples.families;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.Shape;
import org.junit.jupiter.api.Test;

/** The preset equals the model zoo's file layer for layer (CorpusPresetTest); here the knobs. */
class NinFamilyTest {

    /** Each block's 1×1 layers: conv1's 96 → 96 channels twice, 96 × 96 + 96 each, as the mlpconv formula says. */
    @Test
    void mlpconvDepthAddsOrRemovesOneByOneLayers() {
        BuiltModel nin = BuiltModel.of("nin");
        BuiltModel deeper = BuiltModel.of("nin", "mlpconv_depth=3");
        long perBlock = 96L * 97 + 256L * 257 + 384L * 385;
        // The last block's extra 1×1 layer is 1024 → 1024 before the class layer.
        assertEquals(perBlock + 1024L * 1025, deeper.totals().params() - nin.totals().params());
        BuiltModel shallow = BuiltModel.of("nin", "mlpconv_depth=1");
        assertEquals(Shape.of(1, 1000, 6, 6), shallow.shape("cccp4-1024"));
        assertEquals(Shape.of(1, 1000, 1, 1), nin.shape("pool4"));
    }

    /** width scales the spatial convolutions' and the hidden 1×1 layers' channels; the class maps stay 1000. */
    @Test
    void widthScalesTheBlocks() {
        BuiltModel half = BuiltModel.of("nin", "width=0.5");
        assertEquals(48, half.shape("conv1").c());
        assertEquals(512, half.shape("cccp7-1024").c());
        assertEquals(1000, half.shape("cccp8-1024").c());
        assertEquals(48L * 3 * 121 + 48, half.cost("conv1").params());
    }

    @Test
    void impossibleKnobsNameTheKnob() {
        BuiltModel.assertKnobError("nin", "mlpconv_depth", "9");
        BuiltModel.assertKnobError("nin", "width", "0");
    }
}
