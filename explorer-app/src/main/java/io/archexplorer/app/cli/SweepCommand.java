package io.archexplorer.app.cli;

import io.archexplorer.app.diagram.ChartFiles;
import io.archexplorer.app.report.SweepReport;
import io.archexplorer.app.study.KeepComplexity;
import io.archexplorer.app.study.KnobRange;
import io.archexplorer.app.study.ModelSource;
import io.archexplorer.app.study.RunSettings;
import io.archexplorer.app.study.Sweep;
import io.archexplorer.engine.memory.InsufficientMemoryException;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.ProgressListener;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.knobs.Knob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code explorer sweep}: one knob of a preset or family across a range, a row per value; with {@code --keep} the
 * family's compensating knob holds the complexity, with {@code --measure} the variants are measured interleaved.
 */
public final class SweepCommand implements Command {
    private final ModelSource models;
    private final Consumer<String> status;

    public SweepCommand(ModelSource models, Consumer<String> status) {
        this.models = models;
        this.status = status;
    }

    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String synopsis() {
        return "sweep MODEL --knob KNOB=V1,V2,...|FROM..TO[:STEP] [--set KNOB=VALUE]... [--keep mult_adds|params] "
                + "[--measure] [--threads N] [--fuse on|off] [--format table|json|csv] [--plot FILE.png|FILE.svg]";
    }

    @Override
    public String summary() {
        return "one knob across a range: params, mult-adds, MAC, memory (and latency) per value";
    }

    @Override
    public int run(List<String> words, PrintStream out) throws IOException {
        Arguments a = Arguments.parse(name(), words, Set.of("set", "knob", "keep", "threads", "fuse", "rounds",
                "warmup", "runs", "format", "plot"), Set.of("measure"));
        String model = a.single("MODEL");
        if (ModelSource.isFile(model)) {
            throw new UsageException("sweep turns the knobs of a preset or family; " + model + " is a model file");
        }
        String format = a.choice("format", "table", List.of("table", "json", "csv"));
        String knobSpec = a.required("knob");
        int eq = knobSpec.indexOf('=');
        if (eq <= 0 || eq == knobSpec.length() - 1) {
            throw new UsageException("--knob needs KNOB=V1,V2,... or KNOB=FROM..TO[:STEP], got '" + knobSpec + "'");
        }
        KeepComplexity.Measure keep = null;
        if (a.flag("keep")) {
            String k = a.option("keep", "");
            keep = KeepComplexity.Measure.byKey(k).orElseThrow(() -> new UsageException(
                    "--keep must be mult_adds or params, got '" + k + "'"));
        }
        Path plot = Options.plot(a);
        boolean fuse = a.choice("fuse", "on", List.of("on", "off")).equals("on");
        RunSettings settings = new RunSettings(Options.threads(a), 1, fuse, false);
        ModelSpec base = models.resolve(model, a.knobSettings());
        Knob knob = Sweep.knob(base, knobSpec.substring(0, eq).trim());
        List<String> values = KnobRange.values(knob, knobSpec.substring(eq + 1));
        Sweep.Result result = Sweep.analyze(base, knob, values, keep, settings, CancellationToken.none());
        if (a.flag("measure")) {
            status.accept("measuring " + result.rows().stream().filter(Sweep.Row::ok).count() + " variants "
                    + "(interleaved) at " + settings.threads() + " threads …");
            try {
                result = Sweep.measure(result, Options.plan(a), ProgressListener.NONE, CancellationToken.none());
            } catch (InsufficientMemoryException | IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        switch (format) {
            case "json" -> SweepReport.writeJson(result, out);
            case "csv" -> SweepReport.printCsv(result, out);
            default -> SweepReport.printTable(result, out);
        }
        if (plot != null) {
            ChartFiles.write(SweepReport.charts(result), plot);
        }
        return 0;
    }
}
