package io.archexplorer.samples.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.onnx.OnnxExporter;
import io.archexplorer.engine.weights.NetWeights;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

/** Exports a net with {@link OnnxExporter} and runs the model in ONNX Runtime, the independent peer. */
final class OnnxRuntimePeer {
    private static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();

    private OnnxRuntimePeer() {
    }

    /** The model's output for one NCHW input. */
    record Output(long[] shape, float[] values) {
    }

    static Output run(Net net, NetWeights weights, float[] input) {
        return run(export(net, weights), net.inputShape().dims(), input);
    }

    static byte[] export(Net net, NetWeights weights) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            OnnxExporter.write(net, weights, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Output run(byte[] model, int[] inputShape, float[] input) {
        long[] shape = new long[inputShape.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = inputShape[i];
        }
        try (OrtSession session = session(model);
             OnnxTensor tensor = OnnxTensor.createTensor(ENVIRONMENT, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, tensor))) {
            OnnxTensor output = (OnnxTensor) result.get(OnnxExporter.OUTPUT).orElseThrow();
            FloatBuffer buffer = output.getFloatBuffer();
            float[] values = new float[buffer.remaining()];
            buffer.get(values);
            return new Output(output.getInfo().getShape(), values);
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime rejected the exported model: " + e.getMessage(), e);
        }
    }

    /**
     * Strict shape inference turns a disagreement between ONNX Runtime's shapes and the exporter's annotations (our
     * shape inference) into an error instead of a warning. Each session runs once, and the extended graph
     * optimizations (layout changes, fusions) cost more to apply than they save then.
     */
    private static OrtSession session(byte[] model) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.addConfigEntry("session.strict_shape_type_inference", "1");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            return ENVIRONMENT.createSession(model, options);
        }
    }

    /** Uniform values in [-1, 1), the same for the same seed. */
    static float[] randomInput(int count, long seed) {
        Random random = new Random(seed);
        float[] input = new float[count];
        for (int i = 0; i < count; i++) {
            input[i] = random.nextFloat() * 2 - 1;
        }
        return input;
    }
}
