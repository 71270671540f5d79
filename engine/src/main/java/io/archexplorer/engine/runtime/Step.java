package io.archexplorer.engine.runtime;

import io.archexplorer.engine.runtime.steps.StepKernel;
import java.util.List;

/**
 * One executed unit of a compiled net: a layer, plus the layers absorbed into it (a folded batchnorm, a fused
 * activation).
 *
 * @param layer index of the head layer in the net
 * @param absorbed names of the layers computed by this step besides the head
 * @param multAdds mult-adds of the head layer (absorbed layers have none)
 */
public record Step(int layer, String name, String kind, List<String> absorbed, long multAdds, StepKernel kernel) {
}
