/**
 * Whether a net's weights, activations and scratch fit in the heap, checked before anything is allocated by both the
 * weight generator and the runtime, and the exception that refuses a net too large.
 */
package io.archexplorer.engine.memory;
