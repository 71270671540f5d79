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
import io.archexplorer.engine.ops.Reshape;
import io.archexplorer.engine.ops.Scale;

/**
 * Decides which layers run as their own step and which ride along with another: a batchnorm folded into the
 * convolution before it, a ReLU/ReLU6 fused into that convolution's epilogue or into the pass of a standalone
 * batchnorm or residual add, and views (flatten, dropout, identity) that reuse their input's memory untouched.
 *
 * <p>A layer is absorbed only when it is the sole consumer of its producer, so no other layer ever needs the
 * intermediate value that absorbing it skips.
 */
final class Fusion {
    /** For each layer, the layer whose step computes its value (itself if it runs on its own). */
    final int[] computedBy;
    /** For each layer, the layer whose output tensor holds its value (views share their input's tensor). */
    final int[] tensorOf;

    private Fusion(int[] computedBy, int[] tensorOf) {
        this.computedBy = computedBy;
        this.tensorOf = tensorOf;
    }

    static Fusion of(Net net, RuntimeOptions options) {
        int n = net.size();
        int[] consumers = new int[n];
        int[] soleConsumer = new int[n];
        for (int i = 0; i < n; i++) {
            for (int p : net.inputIndices(i)) {
                consumers[p]++;
                soleConsumer[p] = i;
            }
        }
        int[] computedBy = new int[n];
        int[] tensorOf = new int[n];
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
                if (options.fuseActivations() && consumers[i] == 1 && isFusable(net.layer(soleConsumer[i]).op())) {
                    absorb(soleConsumer[i], i, computedBy, tensorOf);
                }
                continue;
            }
            if (!(op instanceof Conv)) {
                continue;
            }
            int tail = i;
            if (options.foldBatchNorm() && consumers[tail] == 1
                    && net.layer(soleConsumer[tail]).op() instanceof BatchNorm) {
                tail = absorb(soleConsumer[tail], i, computedBy, tensorOf);
            }
            if (options.fuseActivations() && consumers[tail] == 1 && isFusable(net.layer(soleConsumer[tail]).op())) {
                absorb(soleConsumer[tail], i, computedBy, tensorOf);
            }
        }
        return new Fusion(computedBy, tensorOf);
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

    /** Whether layer i runs as a step of its own. */
    boolean isStep(int i) {
        return computedBy[i] == i;
    }
}
