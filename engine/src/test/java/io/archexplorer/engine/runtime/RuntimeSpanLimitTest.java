package io.archexplorer.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Pool;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: windows the shape arithmetic accepts (a 2^31−1 pooling kernel on 2^30−1 padding gives 32×32 from
 * 32×32) but whose padded rows the int-indexed kernels cannot hold failed at bench with an index error or an
 * OutOfMemoryError; they are refused when compiling, naming the layer.
 */
class RuntimeSpanLimitTest {

    private static Net net(String name, Op op) {
        NetBuilder b = new NetBuilder(name);
        b.add("window", op, b.add("input", new Input(1, 3, 32, 32)));
        return b.build();
    }

    @Test
    void aHugePoolingWindowIsRefusedBeforeItsBuffers() {
        Pool pool = new Pool(Pool.Mode.MAX, 2147483647, 2147483647, 1, 1, 1073741823, 1073741823, false, true);
        Net net = net("bigpool", pool);
        assertEquals("32×32", net.outputShape(1).perImage().substring(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompiledNet.create(net, 1, RuntimeOptions.defaults().withThreads(1)));
        assertEquals("cannot run bigpool: layer 'window': its window (kernel 2147483647, padding 1073741823, dilation 1)"
                + " spans 2147483678 values of a row; the runtime's kernels index up to 16777216", e.getMessage());
    }

    @Test
    void aHugeConvolutionPaddingIsRefusedBeforeItsBuffers() {
        Net net = net("bigconv", new Conv(4, 3, 3, 1073741823, 1073741823, 1073741823, 1073741823, 1, 1, 1, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompiledNet.create(net, 1, RuntimeOptions.defaults().withThreads(1)));
        assertEquals("cannot run bigconv: layer 'window': its window (kernel 3, padding 1073741823, dilation 1)"
                + " spans 2147483678 values of a row; the runtime's kernels index up to 16777216", e.getMessage());
    }
}
