package io.archexplorer.app.cli;

import io.archexplorer.app.report.ProfileJson;
import io.archexplorer.app.report.ProfileTable;
import io.archexplorer.app.study.LoadedModel;
import io.archexplorer.app.study.SpeedTest;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.memory.InsufficientMemoryException;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.engine.runtime.ProgressListener;
import io.archexplorer.engine.runtime.RuntimeOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code explorer bench}: runs the net on this machine's CPU and reports its measured speed, layer by layer, with the
 * measuring protocol the window uses (warm-up until the speed settles, about a second of timed runs) unless
 * {@code --warmup} or {@code --runs} fix the counts.
 */
public final class BenchCommand implements Command {
    private final ModelArgument models;

    public BenchCommand(ModelArgument models) {
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
        MeasurePlan plan = Options.plan(a);
        boolean fuse = a.choice("fuse", "on", List.of("on", "off")).equals("on");
        long seed = Options.seed(a);
        LoadedModel model = models.load(a.single("MODEL"), a.knobSettings());
        Net net = batch == model.net().inputShape().n() ? model.net() : model.net().withBatch(batch);
        RuntimeOptions options = RuntimeOptions.defaults().withThreads(threads).withFusion(fuse);
        SpeedTest.Result result;
        try {
            result = SpeedTest.run(model, net, seed, options, plan, ProgressListener.NONE, CancellationToken.none());
        } catch (InsufficientMemoryException | IllegalArgumentException e) {
            // Too large, or a net the runtime cannot execute (an opaque layer, an op without a kernel).
            throw new UsageException(e.getMessage());
        }
        if (format.equals("json")) {
            ProfileJson.write(model, result, out);
        } else {
            ProfileTable.print(model, result, out);
        }
        return 0;
    }
}
