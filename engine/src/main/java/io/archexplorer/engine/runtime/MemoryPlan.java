package io.archexplorer.engine.runtime;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.engine.ops.Scale;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which buffer holds each tensor. Tensors whose lifetimes do not overlap share buffers (best fit, growing a free
 * buffer rather than adding one), and an element-wise step whose first input dies at that step writes in place.
 * The buffers are allocated once per compiled net and reused by every run, so the arena size is the peak
 * activation memory.
 */
final class MemoryPlan {
    /** Buffer index of each tensor, by its representative layer; -1 for layers that are not tensors. */
    final int[] bufferOf;
    /** Size of each buffer in floats. */
    final long[] bufferFloats;

    private MemoryPlan(int[] bufferOf, long[] bufferFloats) {
        this.bufferOf = bufferOf;
        this.bufferFloats = bufferFloats;
    }

    long arenaBytes() {
        return 4 * Arrays.stream(bufferFloats).sum();
    }

    static MemoryPlan of(Net net, Fusion fusion) {
        int n = net.size();
        int[] lastUse = lastUses(net, fusion);
        int[] groupLast = fusion.lastOfGroups();
        int[] bufferOf = new int[n];
        Arrays.fill(bufferOf, -1);
        List<Long> capacity = new ArrayList<>();
        List<Integer> liveTensors = new ArrayList<>();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Every step owns the tensor it writes, keyed by its own index; the input layer is a step too.
            if (!fusion.isStep(i)) {
                continue;
            }
            long need = net.outputShape(groupLast[i]).elements();
            int inPlace = inPlaceSource(net, fusion, i, lastUse);
            int buffer = inPlace >= 0 ? bufferOf[inPlace] : take(free, capacity, need);
            bufferOf[i] = buffer;
            while (liveTensors.size() <= buffer) {
                liveTensors.add(0);
            }
            liveTensors.set(buffer, liveTensors.get(buffer) + 1);
            release(net, fusion, i, lastUse, bufferOf, liveTensors, free);
            if (lastUse[i] == -1) {
                releaseTensor(i, lastUse, bufferOf, liveTensors, free);
            }
        }
        return new MemoryPlan(bufferOf, capacity.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * Step index (= head layer index) after which each tensor is no longer read; -1 for a tensor nothing reads;
     * the net's output never dies.
     */
    static int[] lastUses(Net net, Fusion fusion) {
        int n = net.size();
        int[] last = new int[n];
        Arrays.fill(last, -1);
        for (int i = 0; i < n; i++) {
            if (!fusion.isStep(i)) {
                continue;
            }
            for (int t : fusion.stepInputs(net, i)) {
                last[t] = Math.max(last[t], i);
            }
        }
        last[fusion.tensorOf[n - 1]] = Integer.MAX_VALUE;
        return last;
    }

    /**
     * The tensor a step overwrites: the shortcut a convolution accumulates onto (which dies there, see
     * {@link Fusion}), or an element-wise step's first input if this step is that tensor's last reader.
     */
    private static int inPlaceSource(Net net, Fusion fusion, int step, int[] lastUse) {
        if (fusion.shortcutOf[step] >= 0) {
            return fusion.shortcutOf[step];
        }
        Op op = net.layer(step).op();
        boolean elementwise = op instanceof Activation || op instanceof BatchNorm || op instanceof Add
                || op instanceof ChannelMultiply || op instanceof Scale || op instanceof Elementwise
                || op instanceof ScalarMultiply;
        if (!elementwise) {
            return -1;
        }
        int source = fusion.tensorOf[net.inputIndices(step)[0]];
        boolean sameSize = net.outputShape(source).elements() == net.outputShape(step).elements();
        return sameSize && lastUse[source] == step ? source : -1;
    }

    private static int take(List<Integer> free, List<Long> capacity, long need) {
        int best = -1;
        for (int b : free) {
            if (capacity.get(b) >= need && (best < 0 || capacity.get(b) < capacity.get(best))) {
                best = b;
            }
        }
        if (best < 0 && !free.isEmpty()) {
            best = free.stream().max((a, b) -> Long.compare(capacity.get(a), capacity.get(b))).orElseThrow();
            capacity.set(best, need);
        }
        if (best < 0) {
            capacity.add(need);
            return capacity.size() - 1;
        }
        free.remove(Integer.valueOf(best));
        return best;
    }

    /** After step i, tensors it read for the last time give their buffers back (unless another live tensor holds it). */
    private static void release(Net net, Fusion fusion, int i, int[] lastUse, int[] bufferOf,
                                List<Integer> liveTensors, List<Integer> free) {
        for (int t : fusion.stepInputs(net, i)) {
            if (lastUse[t] == i) {
                releaseTensor(t, lastUse, bufferOf, liveTensors, free);
            }
        }
    }

    private static void releaseTensor(int t, int[] lastUse, int[] bufferOf, List<Integer> liveTensors,
                                      List<Integer> free) {
        int b = bufferOf[t];
        lastUse[t] = -2;
        int live = liveTensors.get(b) - 1;
        liveTensors.set(b, live);
        if (live == 0) {
            free.add(b);
        }
    }
}
