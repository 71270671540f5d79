package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.samples.knobs.KnobException;
import java.util.function.IntFunction;

/**
 * Turns a net whose feature map vanished into the resolution knob's error with the smallest side that works. The
 * smallest side is found by building the same knobs at other sides, not by a separate count of the strides, so it
 * is right for every combination of knobs: an output side never shrinks when the input grows (every convolution
 * and pooling window is monotonic), so a binary search over the knob's range finds it.
 */
final class MinimumResolution {
    private static final int LARGEST = 4096;

    private MinimumResolution() {
    }

    /**
     * {@code build} at {@code resolution}; when a feature map vanishes, a {@link KnobException} on
     * {@code resolution} naming the layer and the smallest resolution at which the same net builds.
     */
    static Net build(String netTitle, int resolution, IntFunction<Net> build) {
        try {
            return build.apply(resolution);
        } catch (InvalidNetException tooSmall) {
            if (!builds(build, LARGEST)) {
                throw tooSmall;
            }
            int low = resolution;
            int high = LARGEST;
            while (high - low > 1) {
                int mid = (low + high) >>> 1;
                if (builds(build, mid)) {
                    high = mid;
                } else {
                    low = mid;
                }
            }
            throw new KnobException("resolution", "ρ = " + resolution + " px is too small: " + tooSmall.getMessage()
                    + "; " + netTitle + " needs at least " + high + " px");
        }
    }

    private static boolean builds(IntFunction<Net> build, int resolution) {
        try {
            build.apply(resolution);
            return true;
        } catch (InvalidNetException tooSmall) {
            return false;
        }
    }
}
