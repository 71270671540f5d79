package io.archexplorer.app;

import static io.archexplorer.engine.runtime.RuntimeAssertions.randomInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code export} writes, ONNX Runtime computes the same as {@code run} for the same seed. */
class ExportCommandTest {

    @Test
    void exportedModelGivesWhatRunGives(@TempDir Path dir) throws Exception {
        String[] model = {"shufflenet_v2_x0_5", "--set", "resolution=96"};
        float[] input = randomInput(3 * 96 * 96, 8);
        Path in = dir.resolve("in.f32");
        Files.write(in, littleEndian(input));
        Path onnx = dir.resolve("net.onnx");
        Path out = dir.resolve("out.f32");
        assertEquals(0, CliRun.of(concat("export", model, "--onnx", onnx.toString(), "--seed", "5")).exitCode());
        CliRun run = CliRun.of(concat("run", model, "--input", in.toString(), "--output", out.toString(), "--seed",
                "5"));
        assertEquals(0, run.exitCode(), run.err());
        float[] ours = new float[1000];
        ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(ours);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, 96, 96});
             OrtSession.Result result = session.run(Map.of("input", x))) {
            float[] theirs = new float[1000];
            ((OnnxTensor) result.get("output").orElseThrow()).getFloatBuffer().get(theirs);
            double scale = 1e-6;
            double worst = 0;
            for (int i = 0; i < theirs.length; i++) {
                scale = Math.max(scale, Math.abs(theirs[i]));
                worst = Math.max(worst, Math.abs(theirs[i] - ours[i]));
            }
            assertTrue(worst / scale < 1e-3, "relative error " + worst / scale);
        }
    }

    @Test
    void missingOutputFileIsAUsageError() {
        CliRun run = CliRun.of("export", "resnet18");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("export needs --onnx"), run.err());
    }

    private static String[] concat(String command, String[] model, String... rest) {
        String[] all = new String[1 + model.length + rest.length];
        all[0] = command;
        System.arraycopy(model, 0, all, 1, model.length);
        System.arraycopy(rest, 0, all, 1 + model.length, rest.length);
        return all;
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }
}
