package io.archexplorer.samples.families;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FamilyDefaultsTest {

    /** A family name alone builds the family at its knob defaults: an ImageNet classifier. */
    @ParameterizedTest
    @ValueSource(strings = {"resnet", "densenet", "squeezenet", "vgg", "alexnet", "googlenet"})
    void familyBuildsAtItsDefaults(String family) {
        BuiltModel m = BuiltModel.of(family);
        assertEquals(Shape.of(1, 1000), m.net().finalShape());
    }
}
