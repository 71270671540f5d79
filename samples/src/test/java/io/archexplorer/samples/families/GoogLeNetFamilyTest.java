package io.archexplorer.samples.families;

import static io.archexplorer.samples.families.BuiltModel.assertKnobError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoogLeNetFamilyTest {

    /** The paper's Table 1, column "output size". */
    @ParameterizedTest
    @CsvSource({
        "inception3a, 256, 28", "inception3b, 480, 28",
        "inception4a, 512, 14", "inception4b, 512, 14", "inception4c, 512, 14", "inception4d, 528, 14",
        "inception4e, 832, 14", "inception5a, 832, 7", "inception5b, 1024, 7"})
    void inceptionOutputsMatchThePapersTable1(String module, int channels, int side) {
        Shape out = BuiltModel.of("googlenet").shape(module + ".concat");
        assertEquals(channels, out.c());
        assertEquals(side, out.h());
        assertEquals(side, out.w());
    }

    /** Section 1: "a computational budget of 1.5 billion multiply-adds at inference time" (rounded to 0.1 G). */
    @Test
    void multAddsMatchThePapersBudget() {
        assertEquals(1.5, BuiltModel.of("googlenet").totals().multAdds() / 1e9, 0.05);
    }

    /**
     * Section 4: without reductions, merging the whole pooled input with the convolution outputs makes the width
     * grow from module to module, and the cost explodes.
     */
    @Test
    void naiveModulesGrowFromModuleToModule() {
        BuiltModel naive = BuiltModel.of("googlenet", "reduction=off");
        assertEquals(192 + 64 + 128 + 32, naive.shape("inception3a.concat").c());
        assertEquals(192 + 64 + 128 + 32 + 128 + 192 + 96, naive.shape("inception3b.concat").c());
        assertEquals(32L * 192 * 5 * 5, naive.cost("inception3a.5x5").params(), "a true 5×5 on all 192 inputs");
        String previous = "maxpool2";
        for (String module : new String[] {"3a", "3b", "4a", "4b", "4c", "4d", "4e", "5a", "5b"}) {
            String concat = "inception" + module + ".concat";
            assertTrue(naive.shape(concat).c() > naive.shape(previous).c(), concat);
            previous = concat;
        }
        BuiltModel reduced = BuiltModel.of("googlenet");
        assertTrue(naive.totals().multAdds() > 3 * reduced.totals().multAdds());
    }

    @Test
    void everyLayerOfAnInceptionModuleBelongsToIt() {
        BuiltModel m = BuiltModel.of("googlenet");
        for (Layer l : m.net().layers()) {
            if (l.name().startsWith("inception")) {
                assertEquals(l.name().substring(0, "inception3a".length()), l.block(), l.name());
            } else {
                assertTrue(l.block().isEmpty(), l.name());
            }
        }
        assertEquals(4, m.layer("inception4c.concat").inputs().size(), "four branches");
    }

    @Test
    void badKnobValuesNameTheKnob() {
        assertKnobError("googlenet", "reduction", "half");
        assertKnobError("googlenet", "resolution", "7");
    }
}
