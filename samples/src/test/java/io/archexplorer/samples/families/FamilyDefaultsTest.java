package io.archexplorer.samples.families;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.samples.Catalog;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.Preset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every family and preset of the catalog must do, whatever it is. */
class FamilyDefaultsTest {

    static Stream<String> families() {
        return Catalog.standard().families().stream().map(Family::name);
    }

    static Stream<String> presets() {
        return Catalog.standard().presets().stream().map(Preset::name);
    }

    /** A family name alone builds the family at its knob defaults: a classifier of the classes it declares. */
    @ParameterizedTest
    @MethodSource("families")
    void familyBuildsAtItsDefaults(String family) {
        assertEndsInTheDeclaredClasses(Catalog.standard().resolve(family, Map.of()));
    }

    @ParameterizedTest
    @MethodSource("presets")
    void presetEndsInTheClassesItsFamilyDeclares(String preset) {
        assertEndsInTheDeclaredClasses(Catalog.standard().resolve(preset, Map.of()));
    }

    private static void assertEndsInTheDeclaredClasses(ModelSpec spec) {
        assertEquals(Shape.of(1, spec.family().classes(spec.knobs())), spec.build().finalShape());
    }
}
