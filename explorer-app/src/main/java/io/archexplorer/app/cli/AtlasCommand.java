package io.archexplorer.app.cli;

import io.archexplorer.app.diagram.ChartFiles;
import io.archexplorer.app.report.AtlasReport;
import io.archexplorer.app.study.Atlas;
import io.archexplorer.app.study.RunSettings;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.samples.Catalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/** {@code explorer atlas}: every preset of the zoo, its figures and (with {@code --measure}) its latency here. */
public final class AtlasCommand implements Command {
    private final Catalog catalog;
    private final Consumer<String> status;

    public AtlasCommand(Catalog catalog, Consumer<String> status) {
        this.catalog = catalog;
        this.status = status;
    }

    @Override
    public String name() {
        return "atlas";
    }

    @Override
    public String synopsis() {
        return "atlas [--measure] [--x mult_adds|mac|params] [--threads N] [--format table|json|csv] "
                + "[--plot FILE.png|FILE.svg]";
    }

    @Override
    public String summary() {
        return "every preset on one chart: FLOPs, MAC or params against latency measured here";
    }

    @Override
    public int run(List<String> words, PrintStream out) throws IOException {
        Arguments a = Arguments.parse(name(), words, Set.of("x", "threads", "format", "plot", "rounds", "warmup",
                "runs"), Set.of("measure"));
        if (!a.positional().isEmpty()) {
            throw new UsageException("atlas takes no model (it shows every preset), got " + a.positional().get(0));
        }
        String format = a.choice("format", "table", List.of("table", "json", "csv"));
        List<String> axes = Arrays.stream(AtlasReport.Axis.values()).map(AtlasReport.Axis::key).toList();
        AtlasReport.Axis x = AtlasReport.Axis.valueOf(a.choice("x", "mult_adds", axes).toUpperCase(Locale.ROOT));
        Path plot = Options.plot(a);
        RunSettings settings = new RunSettings(Options.threads(a), 1, true, false);
        Atlas.Result result = Atlas.analyze(catalog, settings, CancellationToken.none());
        if (a.flag("measure")) {
            status.accept("measuring " + result.points().size() + " presets at " + settings.threads()
                    + " threads (a few minutes) …");
            result = Atlas.measure(result, Options.plan(a), (done, total) -> status.accept(done + "/" + total
                    + " presets measured"), CancellationToken.none());
        }
        switch (format) {
            case "json" -> AtlasReport.writeJson(result, out);
            case "csv" -> AtlasReport.printCsv(result, out);
            default -> AtlasReport.printTable(result, out);
        }
        if (plot != null) {
            ChartFiles.write(List.of(AtlasReport.chart(result, x)), plot);
        }
        return 0;
    }
}
