package io.archexplorer.engine.runtime;

import java.util.Random;

/**
 * The input every measurement runs on: standard-normal values from a seed, like a normalized image. Values do not
 * change the speed of dense kernels, but zeros could hide the slowdowns of denormals or NaNs.
 */
public final class SyntheticInput {
    private SyntheticInput() {
    }

    public static float[] standardNormal(long elements, long seed) {
        Random random = new Random(seed);
        float[] x = new float[Math.toIntExact(elements)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
