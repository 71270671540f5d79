/**
 * Float32 numeric kernels for the CPU runtime, in pure Java on the Vector API ({@code jdk.incubator.vector},
 * preferred species: 16 lanes on AVX-512): the GEMM, convolution and depthwise convolution, and the threading they
 * share. They know matrices and tensors, not ops; the per-op step kernels (pooling, element-wise, copies, ...) that
 * bind an op to its buffers are in {@code runtime.steps}.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li><b>Flat arrays with offsets.</b> Every operand is a {@code float[]} plus the index of its first element,
 *       so callers can place tensors anywhere inside larger buffers (arenas, batches) without copying.</li>
 *   <li><b>No aliasing.</b> An output must not overlap any input of the same call (outputs are written
 *       block by block while inputs are still being read).</li>
 *   <li><b>Matrices</b> are row-major with a leading dimension (distance between rows, at least the row length):
 *       element {@code (i, j)} of A is {@code a[aOffset + i * lda + j]}.</li>
 *   <li><b>Tensors</b> are NCHW; convolution weights are {@code [outChannels][inChannels / groups][kh][kw]}, the
 *       ONNX layout. {@link io.archexplorer.engine.runtime.kernels.ConvGeometry} describes a convolution once
 *       for all kernels, including asymmetric padding.</li>
 *   <li><b>Epilogue.</b> Kernels finish each output value with
 *       {@link io.archexplorer.engine.runtime.kernels.Epilogue}: plus a per-row (per-output-channel) bias, then an
 *       {@link io.archexplorer.engine.runtime.kernels.FusedActivation}, applied while the value is still in a
 *       register. Batchnorm folded into weights and bias makes "conv + bn + relu" a single kernel call.</li>
 *   <li><b>Which kernel.</b> {@link io.archexplorer.engine.runtime.kernels.DepthwiseConv2d} for depthwise
 *       convolutions ({@code ConvGeometry.isDepthwise()}), {@link io.archexplorer.engine.runtime.kernels.Conv2d}
 *       for every other convolution, {@link io.archexplorer.engine.runtime.kernels.Sgemm} for fully connected
 *       layers and matrix products ({@code W[out×in] · x[in×1]} for one image).</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * A kernel takes a {@link io.archexplorer.engine.runtime.kernels.Parallelism}: a thread count and a
 * caller-owned pool. Work is cut into as many parts as threads (fewer when the work is too small to repay the
 * hand-off) along independent outputs, and the calling thread runs the first part itself, so
 * {@code Parallelism.SINGLE_THREAD} never touches a pool. No part writes another part's outputs, and the
 * summation order of an output does not depend on the thread count. Kernels keep their scratch buffers per
 * thread (they grow to the largest layer and are then reused), so any number of kernel calls may run
 * concurrently.
 */
package io.archexplorer.engine.runtime.kernels;
