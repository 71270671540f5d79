/**
 * The tensors a net's layers own ({@link io.archexplorer.engine.weights.LayerWeights}, index-aligned in
 * {@link io.archexplorer.engine.weights.NetWeights}): generated from a seed, or read from a model file by
 * {@code io}, and consumed by the runtime and the ONNX export. Plain data, so the file formats and the runtime share
 * it without depending on each other.
 */
package io.archexplorer.engine.weights;
