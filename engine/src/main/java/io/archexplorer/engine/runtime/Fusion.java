package io.archexplorer.engine.runtime;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.Identity;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Reshape;
import io.archexplorer.engine.ops.Scale;
import java.util.Arrays;

/**
 * Decides which layers run as their own step and which ride along with another: a batchnorm folded into the
 * convolution before it, a residual add fused into that convolution (it accumulates onto the shortcut, in the
 * shortcut's buffer), a ReLU/ReLU6 fused into that convolution's epilogue or into the pass of a standalone
 * batchnorm or residual add, and views (flatten, dropout, identity) that reuse their input's memory untouched.
 *
 * <p>A layer is absorbed only when it is the sole consumer of its producer, so no other layer ever needs the
 * intermediate value that absorbing it skips. A shortcut is overwritten only when every other reader of it runs
 * before the convolution.
 */
final class Fusion {
    /** For each layer, the layer whose step computes its value (itself if it runs on its own). */
    final int[] computedBy;
    /** For each layer, the layer whose output tensor holds its value (views share their input's tensor). */
    final int[] tensorOf;
    /**
     * For each convolution step that absorbed a residual add, the tensor (by its layer) of the add's other input:
     * the step writes {@code conv + shortcut} into that tensor's buffer; -1 everywhere else.
     */
    final int[] shortcutOf;

    private Fusion(int[] computedBy, int[] tensorOf, int[] shortcutOf) {
        this.computedBy = computedBy;
        this.tensorOf = tensorOf;
        this.shortcutOf = shortcutOf;
    }

    static Fusion of(Net net, RuntimeOptions options) {
        int n = net.size();
        // The last layer to read each layer: its only reader where net.readerCount is 1.
        int[] soleConsumer = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p : net.inputIndices(i)) {
                soleConsumer[p] = i;
            }
        }
        int[] computedBy = new int[n];
        int[] tensorOf = new int[n];
        int[] shortcutOf = new int[n];
        Arrays.fill(shortcutOf, -1);
        for (int i = 0; i < n; i++) {
            computedBy[i] = i;
            tensorOf[i] = i;
        }
        for (int i = 0; i < n; i++) {
            Op op = net.layer(i).op();
            if (isView(op)) {
                int source = net.inputIndices(i)[0];
                computedBy[i] = computedBy[source];
                tensorOf[i] = tensorOf[source];
            }
            if ((op instanceof BatchNorm || op instanceof Scale || op instanceof Add) && computedBy[i] == i) {
                // A ReLU after a standalone batchnorm (DenseNet's pre-activation), Caffe's Scale (the second half of
                // its batchnorm) or a residual sum is applied in the same pass over the tensor.
                if (options.fuseActivations() && net.readerCount(i) == 1
                        && isFusable(net.layer(soleConsumer[i]).op())) {
                    absorb(soleConsumer[i], i, computedBy, tensorOf);
                }
                continue;
            }
            if (!(op instanceof Conv)) {
                continue;
            }
            int tail = i;
            if (options.foldBatchNorm() && net.readerCount(tail) == 1
                    && net.layer(soleConsumer[tail]).op() instanceof BatchNorm) {
                tail = absorb(soleConsumer[tail], i, computedBy, tensorOf);
            }
            if (options.fuseActivations() && net.readerCount(tail) == 1) {
                int shortcut = overwritableShortcut(net, i, tail, soleConsumer[tail], tensorOf);
                if (shortcut >= 0) {
                    shortcutOf[i] = shortcut;
                    tail = absorb(soleConsumer[tail], i, computedBy, tensorOf);
                }
            }
            if (options.fuseActivations() && net.readerCount(tail) == 1
                    && isFusable(net.layer(soleConsumer[tail]).op())) {
                absorb(soleConsumer[tail], i, computedBy, tensorOf);
            }
        }
        return new Fusion(computedBy, tensorOf, shortcutOf);
    }

    /**
     * The tensor (by its layer) that convolution {@code conv} can accumulate into when its value {@code tail}
     * feeds only the two-input add {@code add}: the add's other input, if it is computed before the convolution
     * and no layer but the add reads it from the convolution on; else -1. Grouped convolutions (whose depthwise
     * kernel does not accumulate) are left alone.
     */
    private static int overwritableShortcut(Net net, int conv, int tail, int add, int[] tensorOf) {
        int[] addInputs = net.inputIndices(add);
        if (!(net.layer(add).op() instanceof Add) || addInputs.length != 2
                || ((Conv) net.layer(conv).op()).groups() != 1
                || !net.outputShape(addInputs[0]).equals(net.outputShape(addInputs[1]))) {
            return -1;
        }
        int other = addInputs[0] == tail ? addInputs[1] : addInputs[0];
        if (other >= conv || net.layer(tensorOf[other]).op() instanceof Input) {
            return -1;
        }
        int shortcut = tensorOf[other];
        for (int j = conv; j < net.size(); j++) {
            if (j != add && readsTensor(net, j, shortcut, tensorOf)) {
                return -1;
            }
        }
        return shortcut;
    }

    /** Whether layer j reads the tensor of layer {@code tensor}, directly or through views (whatever their index). */
    private static boolean readsTensor(Net net, int j, int tensor, int[] tensorOf) {
        for (int p : net.inputIndices(j)) {
            int source = p;
            while (source > tensor && isView(net.layer(source).op())) {
                source = net.inputIndices(source)[0];
            }
            if (source == tensor || tensorOf[source] == tensor) {
                return true;
            }
        }
        return false;
    }

    /** The absorbed layer is computed by the head's step and its value lives in the head's tensor. */
    private static int absorb(int layer, int head, int[] computedBy, int[] tensorOf) {
        computedBy[layer] = head;
        tensorOf[layer] = head;
        return layer;
    }

    static boolean isView(Op op) {
        return op instanceof Flatten || op instanceof Dropout || op instanceof Identity || op instanceof Reshape;
    }

    private static boolean isFusable(Op op) {
        return op instanceof Activation a
                && (a.function() == Activation.Function.RELU || a.function() == Activation.Function.RELU6);
    }

    /** For each step, the last layer absorbed into it (e.g. conv → bn → relu gives relu): its tensor's shape. */
    int[] lastOfGroups() {
        int[] last = new int[computedBy.length];
        for (int j = 0; j < last.length; j++) {
            last[j] = j;
            if (computedBy[j] != j && tensorOf[j] == computedBy[j]) {
                last[computedBy[j]] = j;
            }
        }
        return last;
    }

    /** The tensors (by their layer) that step i reads: its layer's inputs, and the shortcut it accumulates onto. */
    int[] stepInputs(Net net, int i) {
        int[] inputs = net.inputIndices(i);
        int[] tensors = Arrays.copyOf(inputs, inputs.length + (shortcutOf[i] >= 0 ? 1 : 0));
        for (int k = 0; k < inputs.length; k++) {
            tensors[k] = tensorOf[inputs[k]];
        }
        if (shortcutOf[i] >= 0) {
            tensors[inputs.length] = shortcutOf[i];
        }
        return tensors;
    }

    /** Whether layer i runs as a step of its own. */
    boolean isStep(int i) {
        return computedBy[i] == i;
    }
}
