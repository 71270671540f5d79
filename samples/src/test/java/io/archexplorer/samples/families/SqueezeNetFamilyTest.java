package io.archexplorer.samples.families;

import static io.archexplorer.samples.families.BuiltModel.assertKnobError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Layer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqueezeNetFamilyTest {

    /** The paper's Table 1: s1x1, e1x1 and e3x3 of each fire module, which the default metaparameters reproduce. */
    @ParameterizedTest
    @CsvSource({
        "fire2, 16, 64, 64", "fire3, 16, 64, 64", "fire4, 32, 128, 128", "fire5, 32, 128, 128",
        "fire6, 48, 192, 192", "fire7, 48, 192, 192", "fire8, 64, 256, 256", "fire9, 64, 256, 256"})
    void fireWidthsMatchThePapersTable1(String fire, int squeeze, int expand1x1, int expand3x3) {
        BuiltModel m = BuiltModel.of("squeezenet1_0");
        assertEquals(squeeze, m.shape(fire + ".squeeze").c());
        assertEquals(expand1x1, m.shape(fire + ".expand1x1").c());
        assertEquals(expand3x3, m.shape(fire + ".expand3x3").c());
    }

    /**
     * Table 1 totals 1,248,424 parameters; Table 3 gives 4.8 MB (32-bit weights, MiB) for both vanilla SqueezeNet
     * and SqueezeNet with simple bypass, which adds no parameters.
     */
    @Test
    void paramsMatchThePapersTables1And3() {
        BuiltModel vanilla = BuiltModel.of("squeezenet1_0");
        BuiltModel bypass = BuiltModel.of("squeezenet1_0", "bypass=simple");
        assertEquals(1_248_424, vanilla.totals().params());
        assertEquals(vanilla.totals().params(), bypass.totals().params());
        assertEquals(4.8, bypass.totals().params() * 4 / (1024.0 * 1024.0), 0.05);
    }

    @Test
    void simpleBypassAddsTheInputOfFire3Fire5Fire7AndFire9() {
        BuiltModel m = BuiltModel.of("squeezenet1_1", "bypass=simple");
        assertEquals(4, m.count("add"));
        for (String fire : new String[] {"fire3", "fire5", "fire7", "fire9"}) {
            Layer add = m.layer(fire + ".bypass");
            assertEquals(fire, add.block());
            assertEquals(fire + ".concat", add.inputs().get(0));
            assertFalse(add.inputs().get(1).startsWith(fire), "the other input comes from before the module");
        }
        assertEquals(0, BuiltModel.of("squeezenet1_1").count("add"));
    }

    /** torchvision: SqueezeNet 1.1 has "slightly fewer parameters" and much less computation than 1.0. */
    @Test
    void version11IsCheaperThanVersion10() {
        BuiltModel v10 = BuiltModel.of("squeezenet", "version=1.0");
        BuiltModel v11 = BuiltModel.of("squeezenet", "version=1.1");
        assertTrue(v11.totals().params() < v10.totals().params());
        assertTrue(2 * v11.totals().multAdds() < v10.totals().multAdds());
        assertEquals(64L * 3 * 3 * 3 + 64, v11.cost("conv1").params(), "3×3 stem of 64 filters");
    }

    @Test
    void metaparametersSetTheFireWidths() {
        BuiltModel sr = BuiltModel.of("squeezenet", "squeeze_ratio=0.75");
        assertEquals(96, sr.shape("fire2.squeeze").c(), "0.75 · 128");
        assertEquals(384, sr.shape("fire9.squeeze").c(), "0.75 · 512");
        BuiltModel pct = BuiltModel.of("squeezenet", "pct_3x3=0.25");
        assertEquals(32, pct.shape("fire2.expand3x3").c(), "0.25 · 128");
        assertEquals(96, pct.shape("fire2.expand1x1").c(), "128 − 32");
        assertEquals(128, pct.shape("fire2.concat").c());
    }

    @Test
    void everyFireLayerBelongsToItsModule() {
        for (Layer l : BuiltModel.of("squeezenet1_0").net().layers()) {
            if (l.name().startsWith("fire")) {
                assertEquals(l.name().substring(0, "fire2".length()), l.block(), l.name());
            } else {
                assertTrue(l.block().isEmpty(), l.name());
            }
        }
    }

    @Test
    void badKnobValuesNameTheKnob() {
        assertKnobError("squeezenet", "version", "1.2");
        assertKnobError("squeezenet", "squeeze_ratio", "1.5");
        assertKnobError("squeezenet", "pct_3x3", "-0.1");
        assertKnobError("squeezenet", "bypass", "complex");
    }

    @Test
    void widthsThatRoundToNoChannelsAreKnobErrors() {
        assertTrue(assertKnobError("squeezenet", "squeeze_ratio", "0.005").getMessage().contains("fire2"));
        assertTrue(assertKnobError("squeezenet", "pct_3x3", "0").getMessage().contains("3×3"));
        assertTrue(assertKnobError("squeezenet", "pct_3x3", "1").getMessage().contains("1×1"));
    }
}
