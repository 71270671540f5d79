package io.archexplorer.samples;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.samples.blocks.ClassifierHead;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;

/**
 * A parameterized architecture family: one readable builder whose knobs carry the paper's meaning, plus the
 * presets that fix those knobs to published configurations.
 */
public interface Family {

    /** Command-line name, e.g. {@code resnet}. */
    String name();

    /** Human title, e.g. {@code ResNet / ResNeXt / Wide ResNet}. */
    String title();

    /** The papers the family follows. */
    String reference();

    /** The knobs, {@code resolution} included, in display order. */
    List<Knob> knobs();

    /** Published configurations of this family. */
    List<Preset> presets();

    /**
     * Builds the net for these knob values.
     *
     * @throws io.archexplorer.samples.knobs.KnobException when a combination of knobs makes no sense
     * @throws io.archexplorer.engine.graph.InvalidNetException when the resulting net is impossible (e.g. a
     *     resolution so small that a feature map vanishes)
     */
    Net build(String netName, KnobValues knobs);

    /** The classes the net of these knob values tells apart: the width of its output. */
    default int classes(KnobValues knobs) {
        return ClassifierHead.IMAGENET_CLASSES;
    }

    default KnobValues defaults() {
        return KnobValues.defaults(knobs());
    }
}
