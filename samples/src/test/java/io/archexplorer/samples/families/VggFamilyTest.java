package io.archexplorer.samples.families;

import static io.archexplorer.samples.families.BuiltModel.assertKnobError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.graph.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VggFamilyTest {

    /** torchvision's published parameter counts (weights metadata num_params); vgg16 is also matched per layer. */
    @ParameterizedTest
    @CsvSource({
        "vgg11, 132863336", "vgg13, 133047848", "vgg16, 138357544", "vgg19, 143667240",
        "vgg11_bn, 132868840", "vgg13_bn, 133053736", "vgg16_bn, 138365992", "vgg19_bn, 143678248"})
    void presetsMatchTorchvisionPublishedParams(String preset, long params) {
        assertEquals(params, BuiltModel.of(preset).totals().params());
    }

    /** The paper's Table 2 gives the parameters of configurations A, B, D, E in millions, rounded. */
    @ParameterizedTest
    @CsvSource({"11, 133", "13, 133", "16, 138", "19, 144"})
    void paramsMatchThePapersTable2(int depth, int millions) {
        assertEquals(millions, BuiltModel.of("vgg", "depth=" + depth).totals().params() / 1e6, 0.5);
    }

    @Test
    void batchNormAddsGammaAndBetaPerConvolutionChannel() {
        BuiltModel plain = BuiltModel.of("vgg11");
        BuiltModel bn = BuiltModel.of("vgg11_bn");
        long convChannels = 64 + 128 + 2 * 256 + 2 * 512 + 2 * 512;
        assertEquals(2 * convChannels, bn.totals().params() - plain.totals().params());
        assertEquals(2 * convChannels, bn.totals().batchNormParams());
        assertEquals(plain.totals().multAdds(), bn.totals().multAdds());
    }

    @Test
    void adaptivePoolingKeepsTheClassifierAtAnyResolution() {
        BuiltModel m = BuiltModel.of("vgg16", "resolution=320");
        assertEquals(25088L * 4096 + 4096, m.cost("fc6").params());
        assertEquals(10, m.shape("stage5.pool5").h(), "320 / 2^5");
    }

    @Test
    void everyConvolutionBelongsToItsStage() {
        BuiltModel m = BuiltModel.of("vgg19_bn");
        for (Layer l : m.net().layers()) {
            if (l.op().kind().equals("conv")) {
                String stage = l.block().substring("stage".length());
                assertTrue(l.name().startsWith(l.block() + ".conv" + stage + "_"), l.name());
            }
            if (l.op().kind().equals("fc")) {
                assertTrue(l.block().isEmpty(), l.name());
            }
        }
        assertEquals("stage4", m.layer("stage4.conv4_4").block());
        assertFalse(m.layer("stage3.pool3").block().isEmpty());
    }

    @Test
    void badKnobValuesNameTheKnob() {
        assertKnobError("vgg", "depth", "12");
        assertKnobError("vgg", "batch_norm", "sometimes");
        assertKnobError("vgg", "resolution", "4");
    }

    @Test
    void aResolutionTooSmallForFivePoolsFailsAtThePool() {
        InvalidNetException e = assertThrows(InvalidNetException.class, () -> BuiltModel.of("vgg", "resolution=16"));
        assertEquals("stage5.pool5", e.layer());
    }
}
