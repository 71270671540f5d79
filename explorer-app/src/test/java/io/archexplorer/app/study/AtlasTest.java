package io.archexplorer.app.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.engine.runtime.ProgressListener;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.families.SqueezeNetFamily;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The atlas takes every preset of whatever catalog it is given, and a preset that fails is a point with its reason. */
class AtlasTest {
    private static final RunSettings SETTINGS = new RunSettings(1, 1, true, false);

    /** A family some engineer got wrong: its preset throws. */
    private static final class BrokenFamily implements Family {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public String title() {
            return "Broken";
        }

        @Override
        public String reference() {
            return "none";
        }

        @Override
        public List<Knob> knobs() {
            return List.of();
        }

        @Override
        public List<Preset> presets() {
            return List.of(new Preset("broken1", "broken", "fails", Map.of()));
        }

        @Override
        public Net build(String netName, KnobValues knobs) {
            throw new IllegalStateException("not implemented yet");
        }
    }

    @Test
    void everyPresetOfTheStandardCatalogIsAPointWithItsFigures() {
        Catalog catalog = Catalog.standard();
        Atlas.Result r = Atlas.analyze(catalog, SETTINGS, CancellationToken.none());
        assertEquals(catalog.presets().size(), r.points().size());
        for (Atlas.Point p : r.points()) {
            assertTrue(p.ok(), p.preset().name() + ": " + p.error());
            assertTrue(p.variant().analysis().totals().multAdds() > 0, p.preset().name());
        }
        assertFalse(r.measured());
    }

    @Test
    void aFailingFamilyIsAPointWithTheReasonAndTheOthersAreMeasured() {
        Catalog catalog = new Catalog(List.of(new SqueezeNetFamily(), new BrokenFamily()));
        Atlas.Result analyzed = Atlas.analyze(catalog, SETTINGS, CancellationToken.none());
        Atlas.Point broken = analyzed.points().get(analyzed.points().size() - 1);
        assertFalse(broken.ok());
        assertEquals("not implemented yet", broken.error());
        List<String> progress = new ArrayList<>();
        Atlas.Result measured = Atlas.measure(analyzed, MeasurePlan.fixed(0, 2).withRounds(1),
                (done, total) -> progress.add(done + "/" + total), CancellationToken.none());
        for (Atlas.Point p : measured.points().subList(0, measured.points().size() - 1)) {
            assertNotNull(p.profile(), p.preset().name());
            assertEquals(2, p.profile().runs());
            assertTrue(p.profile().steps().isEmpty(), "kept profiles hold no steps (and so no weights)");
        }
        assertNull(measured.points().get(measured.points().size() - 1).profile());
        assertEquals("2/2", progress.get(progress.size() - 1));
    }
}
