/**
 * The step kernels of every op but convolution: pooling, element-wise ops and activations, batchnorm and scale as
 * affine maps, channel copies (concat, slice, shuffle, crop), normalization, fully connected and transposed
 * convolution. Each factory binds an op to its input and output buffers once, at compile time, and returns the
 * {@link io.archexplorer.engine.runtime.steps.StepKernel} a compiled net runs; {@code StepBuilder} in
 * {@code runtime} chooses the kernel for an op.
 *
 * <p>The numeric kernels these build on, and that convolutions run on directly (the GEMM, convolution, depthwise
 * convolution, the worker pool), are in {@link io.archexplorer.engine.runtime.kernels}.
 */
package io.archexplorer.engine.runtime.steps;
