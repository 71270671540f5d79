package io.archexplorer.layouts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random DAGs (fixed seed) with random sizes, nested compounds and hints: every invariant must hold. */
class RandomDagTest {

    private static LayoutGraph randomDag(Random random) {
        int n = 5 + random.nextInt(60);
        LayoutGraph.Builder b = LayoutGraph.builder();
        int compounds = random.nextInt(4);
        for (int c = 1; c < compounds; c++) {
            if (random.nextBoolean()) {
                b.compound("c" + c, "c" + random.nextInt(c));
            }
        }
        for (int v = 0; v < n; v++) {
            String compound = compounds > 0 && random.nextInt(3) == 0 ? "c" + random.nextInt(compounds) : null;
            b.node("n" + v, 10 + random.nextInt(150), 10 + random.nextInt(60), compound);
        }
        int edges = random.nextInt(2 * n);
        for (int e = 0; e < edges; e++) {
            int s = random.nextInt(n - 1);
            int t = s + 1 + random.nextInt(Math.min(n - s - 1, 1 + random.nextInt(12)));
            b.edge("n" + s, "n" + t);
        }
        return b.build();
    }

    @Test
    void invariantsHoldOnRandomDags() {
        Random random = new Random(20261123);
        LayeredLayout down = new LayeredLayout(LayoutOptions.defaults());
        LayeredLayout right = new LayeredLayout(LayoutOptions.defaults().withDirection(Direction.LEFT_TO_RIGHT));
        for (int i = 0; i < 60; i++) {
            LayoutGraph graph = randomDag(random);
            Layout previous = null;
            for (LayeredLayout engine : new LayeredLayout[] {down, right}) {
                Layout layout = engine.layout(graph, previous);
                assertEquals(graph.nodeCount(), layout.nodes().size());
                LayoutAssertions.assertNoOverlap(layout);
                LayoutAssertions.assertEdgesFlowForward(layout);
                LayoutAssertions.assertInsideDrawing(layout);
                for (Frame frame : layout.frames()) {
                    for (int v = 0; v < graph.nodeCount(); v++) {
                        if (graph.isInside(v, frame.compoundId())) {
                            org.junit.jupiter.api.Assertions.assertTrue(frame.encloses(layout.node(graph.nodeId(v))));
                        }
                    }
                }
                assertEquals(CrossingCounter.count(layout), CrossingCounter.count(engine.layout(graph, previous)));
                previous = layout;
            }
        }
    }
}
