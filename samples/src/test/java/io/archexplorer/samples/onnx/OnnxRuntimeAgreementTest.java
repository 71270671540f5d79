package io.archexplorer.samples.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.RuntimeOptions;
import io.archexplorer.engine.weights.NetWeights;
import io.archexplorer.samples.Catalog;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our runtime against ONNX Runtime on whole nets: the same weights ({@link NetWeights#generate} with seed 42), the
 * same input, two independent implementations of every op. Their agreement is the evidence that our runtime and the
 * exported model both compute what the net means. The batch-2 case runs ShuffleNet V2, whose exported shuffles
 * reshape with the batch size spelled out.
 *
 * <p>Relative error = max |ours − ORT| over all outputs / max(max |ORT|, 1e-6): normalized by the largest output so
 * that logits near zero do not blow up an element-wise ratio, while still scaling with the net's output range.
 */
class OnnxRuntimeAgreementTest {
    private static final double MAX_RELATIVE_ERROR = 1e-3;

    @ParameterizedTest(name = "{0} batch {1}")
    @CsvSource({
        "resnet18, 1",
        "mobilenet_v2, 1",
        "shufflenet_v2_x1_0, 1",
        "densenet121, 1",
        "squeezenet1_1, 1",
        "googlenet, 1",
        "shufflenet_v2_x1_0, 2",
        "se_resnext50_32x4d, 1",
        "preact_resnet1001, 1",
        "lenet5, 1",
        "nin, 1",
        "zfnet, 1",
    })
    void ourRuntimeAgreesWithOnnxRuntime(String preset, int batch) {
        Net net = Catalog.standard().resolve(preset, Map.of()).build().withBatch(batch);
        NetWeights weights = NetWeights.generate(net, 42);
        float[] input = OnnxRuntimePeer.randomInput(Math.toIntExact(net.inputShape().elements()), 3);

        float[] ours;
        try (CompiledNet compiled = CompiledNet.compile(net, weights, RuntimeOptions.defaults())) {
            ours = compiled.run(input);
        }
        assertAgree(preset + " batch " + batch, ours, OnnxRuntimePeer.run(net, weights, input).values());
    }

    /** Every op kind on its own, edge cases included (the nets of {@link OnnxOpSemanticsTest}). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.archexplorer.samples.onnx.OnnxOpSemanticsTest#cases")
    void ourRuntimeAgreesWithOnnxRuntimeOnEveryOp(String label, OnnxOpSemanticsTest.OpCase c) {
        NetWeights weights = RandomWeights.of(c.net());
        float[] input = OnnxRuntimePeer.randomInput(Math.toIntExact(c.net().inputShape().elements()), 13);

        float[] ours;
        try (CompiledNet compiled = CompiledNet.compile(c.net(), weights, RuntimeOptions.defaults())) {
            ours = compiled.run(input);
        }

        assertAgree(label, ours, OnnxRuntimePeer.run(c.net(), weights, input).values());
    }

    private static void assertAgree(String label, float[] ours, float[] theirs) {
        assertEquals(theirs.length, ours.length, label + ": output elements");
        double maxDifference = 0;
        double maxMagnitude = 0;
        for (int i = 0; i < theirs.length; i++) {
            assertTrue(Float.isFinite(ours[i]), label + ": our output " + i + " is " + ours[i]);
            maxDifference = Math.max(maxDifference, Math.abs(ours[i] - theirs[i]));
            maxMagnitude = Math.max(maxMagnitude, Math.abs(theirs[i]));
        }
        double relativeError = maxDifference / Math.max(maxMagnitude, 1e-6);
        assertTrue(relativeError <= MAX_RELATIVE_ERROR, label + ": relative error " + relativeError
                + " (max difference " + maxDifference + ", max |output| " + maxMagnitude + ")");
    }
}
