package io.archexplorer.app.cli;

import io.archexplorer.app.report.ProfileJson;
import io.archexplorer.app.report.ProfileTable;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.memory.InsufficientMemoryException;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.Profile;
import io.archexplorer.engine.runtime.Profiler;
import io.archexplorer.engine.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** {@code explorer bench}: runs the net on this machine's CPU and reports its measured speed, layer by layer. */
public final class BenchCommand implements Command {
    private final ModelSource models;

    public BenchCommand(ModelSource models) {
        this.models = models;
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String synopsis() {
        return "bench MODEL [--set KNOB=VALUE]... [--threads N] [--batch N] [--runs N] [--warmup N] "
                + "[--fuse on|off] [--seed S] [--format table|json]";
    }

    @Override
    public String summary() {
        return "measured latency, throughput and GFLOP/s on this CPU, per layer";
    }

    @Override
    public int run(List<String> words, PrintStream out) throws IOException {
        Arguments a = Arguments.parse(name(), words, Set.of("set", "threads", "batch", "runs", "warmup", "fuse",
                "format", "seed"));
        String format = a.choice("format", "table", List.of("table", "json"));
        int threads = Options.threads(a);
        int batch = Options.integer(a, "batch", 1, 1, 4096);
        int runs = Options.integer(a, "runs", 20, 1, 100_000);
        int warmup = Options.integer(a, "warmup", 5, 0, 100_000);
        boolean fuse = a.choice("fuse", "on", List.of("on", "off")).equals("on");
        long seed = Options.seed(a);
        LoadedModel model = models.load(a.single("MODEL"), a.knobSettings());
        Net net = batch == model.net().inputShape().n() ? model.net() : model.net().withBatch(batch);

        RuntimeOptions options = new RuntimeOptions(threads, fuse, fuse);
        Profile profile;
        try (CompiledNet compiled = model.compile(net, seed, options)) {
            float[] input = randomInput(net, seed);
            profile = Profiler.measure(compiled, input, warmup, runs, (done, total) -> { },
                    CancellationToken.none());
            if (format.equals("json")) {
                ProfileJson.write(model, compiled, profile, warmup, out);
            } else {
                ProfileTable.print(model, compiled, profile, warmup, out);
            }
        } catch (InsufficientMemoryException | IllegalArgumentException e) {
            // Too large, or a net the runtime cannot execute (an opaque layer, an op without a kernel).
            throw new UsageException(e.getMessage());
        }
        return 0;
    }

    /** A reproducible standard-normal input, like a normalized image. */
    static float[] randomInput(Net net, long seed) {
        Random random = new Random(seed);
        float[] x = new float[Math.toIntExact(net.inputShape().elements())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
