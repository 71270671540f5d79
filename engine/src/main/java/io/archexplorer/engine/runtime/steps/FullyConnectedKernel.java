package io.archexplorer.engine.runtime.steps;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * out[n][o] = bias[o] + Σ_i weight[o][i] · in[n][i]. At the batch sizes this tool runs, a fully connected layer
 * is a matrix-vector product bound by reading the weights once, so it is a vectorized dot product per output
 * row with every image of the batch in the same pass over the row (the row is read from memory once).
 */
public final class FullyConnectedKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int VL = SPECIES.length();

    private FullyConnectedKernel() {
    }

    public static StepKernel of(float[] input, float[] weight, float[] bias, float[] output, int batch,
                                int inFeatures, int outFeatures) {
        return p -> Split.run(p, outFeatures, inFeatures, (from, to) -> {
            for (int o = from; o < to; o++) {
                int row = o * inFeatures;
                for (int n = 0; n < batch; n++) {
                    int x = n * inFeatures;
                    FloatVector acc = FloatVector.zero(SPECIES);
                    int i = 0;
                    for (; i + VL <= inFeatures; i += VL) {
                        acc = FloatVector.fromArray(SPECIES, weight, row + i)
                                .fma(FloatVector.fromArray(SPECIES, input, x + i), acc);
                    }
                    float sum = acc.reduceLanes(VectorOperators.ADD);
                    for (; i < inFeatures; i++) {
                        sum += weight[row + i] * input[x + i];
                    }
                    output[n * outFeatures + o] = sum + (bias == null ? 0f : bias[o]);
                }
            }
        });
    }
}
