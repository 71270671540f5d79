package io.archexplorer.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.runtime.kernels.Parallelism;
import io.archexplorer.engine.runtime.steps.ElementwiseKernels;
import org.junit.jupiter.api.Test;

/**
 * Squeeze-and-excitation gates never leave a denormal: the sigmoid and the per-channel scaling flush results below
 * the smallest normal float to 0, in the vector body and in the scalar tail alike, and keep every other value.
 */
class GateFlushTest {

    @Test
    void sigmoidFlushesWhatWouldBeDenormal() {
        // 19 values: two full vectors of 8 (or one of 16) and a scalar tail, whatever the vector length.
        float[] in = new float[19];
        for (int i = 0; i < in.length; i++) {
            in[i] = i % 3 == 0 ? -87.5f : i % 3 == 1 ? -80f : 2f;
        }
        float[] out = new float[in.length];
        ElementwiseKernels.activation(Activation.Function.SIGMOID, in, out, in.length).run(Parallelism.SINGLE_THREAD);
        for (int i = 0; i < in.length; i++) {
            double exact = 1 / (1 + Math.exp(-in[i]));
            if (exact < Float.MIN_NORMAL) {
                assertEquals(0f, out[i], "sigmoid(" + in[i] + ") = " + exact + " is a denormal: flushed");
            } else {
                assertEquals(exact, out[i], exact * 1e-5, "sigmoid(" + in[i] + ")");
            }
        }
    }

    @Test
    void channelScalingFlushesDenormalProducts() {
        int plane = 19;
        float[] map = new float[2 * plane];
        for (int i = 0; i < map.length; i++) {
            map[i] = (i % 2 == 0 ? 1e-3f : 3f) * (i % 4 < 2 ? 1 : -1);
        }
        float[] gates = {2e-36f, 0.5f};
        float[] out = new float[map.length];
        ElementwiseKernels.scaleChannels(map, gates, out, 1, 2, plane).run(Parallelism.SINGLE_THREAD);
        for (int i = 0; i < map.length; i++) {
            float exact = map[i] * gates[i / plane];
            assertTrue(exact == 0 || Math.abs(exact) >= Float.MIN_NORMAL ? out[i] == exact : out[i] == 0f,
                    i + ": " + map[i] + " · " + gates[i / plane] + " gave " + out[i]);
        }
        assertEquals(0f, out[0], "1e-3 · 2e-36 is a denormal");
        assertEquals(6e-36f, out[1], 1e-41f, "3 · 2e-36 is normal and kept");
    }
}
