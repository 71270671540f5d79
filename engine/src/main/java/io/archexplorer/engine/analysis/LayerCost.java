package io.archexplorer.engine.analysis;

/**
 * The cost figures of one layer, in elements (not bytes), for the whole batch of the net's input.
 *
 * @param params learnable elements: weights, biases, batchnorm γ and β
 * @param batchNormParams the part of {@code params} that is batchnorm γ and β
 * @param multAdds multiply-adds of conv and fc layers (the papers' "FLOPs"); 0 for every other op
 * @param mac memory access cost as in ShuffleNet V2: input elements + output elements + params
 * @param activations output elements
 */
public record LayerCost(long params, long batchNormParams, long multAdds, long mac, long activations) {

    public long paramsExcludingBatchNorm() {
        return params - batchNormParams;
    }

    public LayerCost plus(LayerCost o) {
        return new LayerCost(params + o.params, batchNormParams + o.batchNormParams, multAdds + o.multAdds,
                mac + o.mac, activations + o.activations);
    }

    public static final LayerCost ZERO = new LayerCost(0, 0, 0, 0, 0);
}
