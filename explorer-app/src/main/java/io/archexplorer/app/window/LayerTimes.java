package io.archexplorer.app.window;

import io.archexplorer.engine.runtime.Profile;

/**
 * Measured time per layer of the net: each step's median time goes to the layer it computes; layers fused into
 * a step (a folded batchnorm, a fused ReLU) get 0, their time being inside that step's.
 */
final class LayerTimes {
    private LayerTimes() {
    }

    static double[] of(Measurement m) {
        double[] ms = new double[m.variant().net().size()];
        for (Profile.StepTiming t : m.profile().steps()) {
            ms[t.step().layer()] += t.medianMs();
        }
        return ms;
    }
}
