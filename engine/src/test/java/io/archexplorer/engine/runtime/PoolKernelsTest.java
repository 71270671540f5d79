package io.archexplorer.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.runtime.kernels.Parallelism;
import io.archexplorer.engine.runtime.kernels.WorkerPool;
import io.archexplorer.engine.runtime.steps.PoolKernels;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Window pooling against the reference executor's loops: strides, padding, ceil mode, both divisors, widths. */
class PoolKernelsTest {

    private static final WorkerPool ONE_WORKER = new WorkerPool(1);

    record Case(Pool pool, Shape in) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(Pool.max(3, 2, 0).withCeilMode(), Shape.of(1, 3, 111, 111)),   // SqueezeNet
                new Case(Pool.max(3, 2, 1), Shape.of(2, 2, 112, 112)),                  // ResNet, batch 2
                new Case(Pool.max(3, 1, 1), Shape.of(1, 3, 28, 28)),                    // GoogLeNet branch
                new Case(Pool.max(2, 2, 0), Shape.of(1, 2, 37, 19)),
                new Case(Pool.max(3, 3, 1).withCeilMode(), Shape.of(1, 2, 50, 41)),     // stride 3
                new Case(new Pool(Pool.Mode.AVG, 2, 2, 2, 2, 0, 0, false, false), Shape.of(1, 4, 56, 56)),
                new Case(new Pool(Pool.Mode.AVG, 3, 3, 2, 2, 1, 1, true, false), Shape.of(1, 3, 33, 40)),
                new Case(new Pool(Pool.Mode.AVG, 3, 3, 2, 2, 1, 1, true, true), Shape.of(1, 3, 33, 40)),
                new Case(new Pool(Pool.Mode.AVG, 5, 3, 3, 1, 2, 1, false, true), Shape.of(1, 2, 17, 35)),
                new Case(new Pool(Pool.Mode.MAX, 1, 5, 1, 2, 0, 2, true, false), Shape.of(1, 2, 9, 70)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesReference(Case c) {
        Shape out = c.pool().outputShape(List.of(c.in()));
        Random random = new Random(7);
        float[] input = new float[Math.toIntExact(c.in().elements())];
        double[] wide = new double[input.length];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) random.nextGaussian();
            wide[i] = input[i];
        }
        double[] expected = new double[Math.toIntExact(out.elements())];
        ReferenceExecutor.pool(c.pool(), wide, c.in(), out, expected);
        for (Parallelism parallelism : new Parallelism[] {Parallelism.SINGLE_THREAD, Parallelism.of(ONE_WORKER)}) {
            float[] output = new float[expected.length];
            PoolKernels.window(c.pool(), c.in(), out, input, output).run(parallelism);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], output[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "element " + i);
            }
        }
    }
}
