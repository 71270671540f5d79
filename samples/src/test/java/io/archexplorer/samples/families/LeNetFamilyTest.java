package io.archexplorer.samples.families;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.samples.Catalog;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

class LeNetFamilyTest {

    /**
     * LeCun et al. 1998, Section II.B: C1 156 trainable parameters, S2 12, C3 1,516, S4 32, C5 48,120, F6 10,164, and
     * the output layer's 10 RBF units of 84 weights each (840).
     */
    @Test
    void everyLayerHasThePapersParams() {
        BuiltModel m = BuiltModel.of("lenet5");
        assertEquals(156, params(m, "c1"));
        assertEquals(12, params(m, "s2"));
        assertEquals(1_516, params(m, "c3"));
        assertEquals(32, params(m, "s4"));
        assertEquals(48_120, params(m, "c5"));
        assertEquals(10_164, params(m, "f6"));
        assertEquals(840, params(m, "output"));
        assertEquals(156 + 12 + 1_516 + 32 + 48_120 + 10_164 + 840, m.totals().params());
    }

    /**
     * The paper's connections (weights applied, biases included): C1 122,304, C3 151,600, C5 48,120, F6 10,164, which
     * are our mult-adds; the map sizes of Figure 2: 28×28, 14×14, 10×10, 5×5, 1×1.
     */
    @Test
    void convolutionsHaveThePapersConnectionsAndMapSizes() {
        BuiltModel m = BuiltModel.of("lenet5");
        assertEquals(122_304, multAdds(m, "c1"));
        assertEquals(151_600, multAdds(m, "c3"));
        assertEquals(48_120, multAdds(m, "c5"));
        assertEquals(10_164, multAdds(m, "f6"));
        assertEquals(Shape.of(1, 6, 28, 28), m.shape("c1"));
        assertEquals(Shape.of(1, 6, 14, 14), m.shape("s2.scale"));
        assertEquals(Shape.of(1, 16, 10, 10), m.shape("c3.concat"));
        assertEquals(Shape.of(1, 16, 5, 5), m.shape("s4.scale"));
        assertEquals(Shape.of(1, 120, 1, 1), m.shape("c5"));
        assertEquals(Shape.of(1, 10), m.shape("output"));
    }

    /** Without the table every C3 map reads all six S2 maps: 16 × (6 × 25 + 1). Plain pooling has no params. */
    @Test
    void knobsChangeWhatThePaperDescribes() {
        assertEquals(16 * (6 * 25 + 1), params(BuiltModel.of("lenet5", "connection_table=off"), "c3"));
        BuiltModel max = BuiltModel.of("lenet5", "pooling=max", "activation=relu");
        assertEquals(0, params(max, "s2") + params(max, "s4"));
        assertEquals(60_840 - 12 - 32, max.totals().params());
        assertEquals("max_pool", max.layer("s2").op().kind());
        assertEquals(0, max.count("tanh"));
        assertEquals(0, BuiltModel.of("lenet5", "pooling=average").count("scale"));
    }

    @Test
    void impossibleKnobsNameTheKnob() {
        BuiltModel.assertKnobError("lenet5", "pooling", "l2");
        BuiltModel.assertKnobError("lenet5", "activation", "sigmoid");
        BuiltModel.assertKnobError("lenet5", "resolution", "4");
        assertThrows(InvalidNetException.class,
                () -> Catalog.standard().resolve("lenet5", Map.of("resolution", "24")).build());
    }

    private static long params(BuiltModel m, String layer) {
        return sum(m, layer, LayerCost::params);
    }

    private static long multAdds(BuiltModel m, String layer) {
        return sum(m, layer, LayerCost::multAdds);
    }

    /** A figure of a paper layer: of the layer itself and, for a block, of every layer in it. */
    private static long sum(BuiltModel m, String layer, ToLongFunction<LayerCost> figure) {
        return m.net().layers().stream().filter(l -> l.name().equals(layer) || l.block().equals(layer))
                .mapToLong(l -> figure.applyAsLong(m.cost(l.name()))).sum();
    }
}
