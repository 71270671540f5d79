package io.archexplorer.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.weights.NetWeights;
import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: {@code bench resnet50} ran out of memory at -Xmx260m although the heap check passed, because every
 * convolution step kept its builder, and with it all the generated weights, alive: twice the weights in the heap.
 */
class CompiledNetMemoryTest {

    private static Net smallNet() {
        NetBuilder b = new NetBuilder("small");
        String x = b.add("input", new Input(1, 3, 16, 16));
        x = b.add("conv", Conv.of(8, 3, 1, 1), x);
        x = b.add("bn", new BatchNorm(), x);
        x = b.add("relu", new Activation(Activation.Function.RELU), x);
        x = b.add("dw", Conv.of(8, 3, 1, 1).withGroups(8), x);
        x = b.add("gap", new GlobalAvgPool(), x);
        x = b.add("flatten", new Flatten(), x);
        b.add("fc", new FullyConnected(4, true), x);
        return b.build();
    }

    @Test
    void aCompiledNetDoesNotKeepTheWeightsItWasCompiledFrom() throws InterruptedException {
        Net net = smallNet();
        NetWeights weights = NetWeights.generate(net, 7);
        WeakReference<NetWeights> generated = new WeakReference<>(weights);
        try (CompiledNet compiled = CompiledNet.compile(net, weights, RuntimeOptions.defaults().withThreads(1))) {
            weights = null;
            for (int k = 0; k < 20 && generated.get() != null; k++) {
                System.gc();
                Thread.sleep(5);
            }
            assertNull(generated.get(), "the compiled net still references the NetWeights it was compiled from");
            assertEquals(4, compiled.run(new float[3 * 16 * 16]).length);
        }
    }
}
