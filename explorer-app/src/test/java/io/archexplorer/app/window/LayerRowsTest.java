package io.archexplorer.app.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.app.study.LayerTime;
import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.samples.Catalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerRowsTest {
    private static MeasuredNet measured;

    @BeforeAll
    static void measure() {
        measured = MeasuredNet.resnet18At64();
    }

    @Test
    void flatRowsAreTheAnalysisLayerByLayer() {
        Analysis a = measured.analysis();
        List<LayerRow> rows = LayerRows.flat(a, null);
        assertEquals(a.net().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).layer());
            assertEquals(a.net().layer(i).name(), rows.get(i).name());
            assertEquals(a.layer(i), rows.get(i).cost());
            assertEquals(LayerTime.Kind.NOT_MEASURED, rows.get(i).time().kind());
        }
        LayerRow conv1 = rows.get(a.net().indexOf("conv1"));
        assertEquals("conv 7×7/2, 64", conv1.op());
        assertEquals("64×32×32", conv1.outputShape());
    }

    /** Subtotals summed by the tree equal the engine's own block totals, for nets with nested blocks. */
    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "densenet121", "shufflenet_v2_x1_0", "googlenet", "squeezenet1_1"})
    void subtotalsEqualTheEngineBlockTotals(String preset) {
        Analysis a = CostAnalysis.analyze(Catalog.standard().resolve(preset, Map.of()).build());
        Map<String, LayerCost> subtotals = new HashMap<>();
        List<Integer> layers = new ArrayList<>();
        walk(LayerRows.grouped(LayerRows.flat(a, null)), subtotals, layers);
        assertEquals(a.allBlockTotals(), subtotals);
        assertEquals(a.net().size(), layers.size(), "every layer once");
        assertEquals(a.net().size(), layers.stream().distinct().count());
    }

    private static void walk(List<LayerRows.Node> nodes, Map<String, LayerCost> subtotals, List<Integer> layers) {
        for (LayerRows.Node n : nodes) {
            if (n.row().isSubtotal()) {
                subtotals.put(n.row().name(), n.row().cost());
            } else {
                layers.add(n.row().layer());
            }
            walk(n.children(), subtotals, layers);
        }
    }

    @Test
    void measuredTimesGoToStepHeadsAndFusedLayersNameTheirStep() {
        Analysis a = measured.analysis();
        Net net = a.net();
        List<LayerRow> rows = LayerRows.flat(a, measured.profile());
        for (Profile.StepTiming t : measured.profile().steps()) {
            LayerRow head = rows.get(t.step().layer());
            assertEquals(t.medianMs(), head.time().ms());
            if (t.step().multAdds() > 0) {
                assertEquals(t.gflops(), head.gflops(), 1e-9 * t.gflops(), head.name());
            }
            for (String absorbed : t.step().absorbed()) {
                LayerTime fused = rows.get(net.indexOf(absorbed)).time();
                assertEquals(LayerTime.Kind.FUSED, fused.kind());
                assertEquals(t.step().name(), fused.fusedInto());
                assertEquals("fused", fused.text());
            }
        }
        // conv1_bn and conv1_relu ride along with conv1 under the default (fused) settings.
        assertEquals("conv1", rows.get(net.indexOf("conv1_relu")).time().fusedInto());
        assertEquals(LayerTime.Kind.NO_STEP, rows.get(net.indexOf("input")).time().kind());
    }

    @Test
    void blockTimeIsTheSumOfTheStepsInsideIt() {
        Analysis a = measured.analysis();
        Map<String, Double> expected = new HashMap<>();
        for (Profile.StepTiming t : measured.profile().steps()) {
            String block = a.net().layer(t.step().layer()).block();
            for (String b = block; !b.isEmpty(); b = b.contains(".") ? b.substring(0, b.lastIndexOf('.')) : "") {
                expected.merge(b, t.medianMs(), Double::sum);
            }
        }
        Map<String, Double> shown = new HashMap<>();
        collectTimes(LayerRows.grouped(LayerRows.flat(a, measured.profile())), shown);
        assertEquals(expected.keySet(), shown.keySet());
        expected.forEach((block, ms) -> assertEquals(ms, shown.get(block), 1e-9, block));
        assertTrue(shown.get("layer1") > 0);
    }

    private static void collectTimes(List<LayerRows.Node> nodes, Map<String, Double> out) {
        for (LayerRows.Node n : nodes) {
            if (n.row().isSubtotal()) {
                out.put(n.row().name(), n.row().time().ms());
            }
            collectTimes(n.children(), out);
        }
    }
}
