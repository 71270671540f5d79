package io.archexplorer.app.cli;

import io.archexplorer.app.diagram.ChartFiles;
import io.archexplorer.app.report.Chart;
import io.archexplorer.app.report.LabReport;
import io.archexplorer.app.study.LabResult;
import io.archexplorer.app.study.LabStudy;
import io.archexplorer.engine.runtime.CancellationToken;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.engine.runtime.ProgressListener;
import io.archexplorer.samples.knobs.KnobValues;
import io.archexplorer.samples.labs.GuidelineLab;
import io.archexplorer.samples.labs.GuidelineLabs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code explorer lab}: ShuffleNet V2's guideline experiments measured on this machine, each lab's rows interleaved,
 * at 1 thread and at all cores (or at {@code --threads}), beside the paper's figures.
 */
public final class LabCommand implements Command {
    private final Consumer<String> status;

    /** @param status where a line goes as each experiment starts (the run takes a while) */
    public LabCommand(Consumer<String> status) {
        this.status = status;
    }

    @Override
    public String name() {
        return "lab";
    }

    @Override
    public String synopsis() {
        return "lab g1|g2|g3|g4|all [--set KNOB=VALUE]... [--threads N] [--rounds N] [--warmup N] [--runs N] "
                + "[--format table|json|csv] [--plot FILE.png|FILE.svg]";
    }

    @Override
    public String summary() {
        return "ShuffleNet V2's four guideline experiments, measured here beside the paper's results";
    }

    @Override
    public int run(List<String> words, PrintStream out) throws IOException {
        Arguments a = Arguments.parse(name(), words, Set.of("set", "threads", "rounds", "warmup", "runs", "format",
                "plot"));
        String which = a.single("lab (g1, g2, g3, g4 or all)");
        List<GuidelineLab> labs = which.equals("all") ? GuidelineLabs.all() : List.of(GuidelineLabs.lab(which)
                .orElseThrow(() -> new UsageException("unknown lab '" + which + "' (labs: g1, g2, g3, g4, all)")));
        String format = a.choice("format", "table", List.of("table", "json", "csv"));
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> threads = a.flag("threads") ? List.of(Options.threads(a))
                : cores == 1 ? List.of(1) : List.of(1, cores);
        MeasurePlan plan = Options.plan(a);
        Path plot = Options.plot(a);
        List<KnobValues> bases = new ArrayList<>();
        for (GuidelineLab lab : labs) {
            // With 'all', a knob only some labs have (device: not G4) applies where it exists.
            bases.add(LabStudy.base(lab, which.equals("all") ? applicable(lab, a) : a.knobSettings()));
        }
        List<List<LabResult>> results = new ArrayList<>();
        for (int i = 0; i < labs.size(); i++) {
            List<LabResult> perThreads = new ArrayList<>();
            for (int n : threads) {
                status.accept("measuring " + labs.get(i).id() + " (" + labs.get(i).rows().size() + " nets, "
                        + "interleaved) at " + n + (n == 1 ? " thread" : " threads") + " …");
                perThreads.add(LabStudy.measure(labs.get(i), bases.get(i), n, plan, ProgressListener.NONE,
                        CancellationToken.none()));
            }
            results.add(perThreads);
        }
        switch (format) {
            case "json" -> {
                if (labs.size() == 1) {
                    LabReport.writeJson(results.get(0), out);
                } else {
                    LabReport.writeJsonList(results, out);
                }
            }
            case "csv" -> LabReport.printCsv(results, out);
            default -> {
                for (int i = 0; i < results.size(); i++) {
                    if (i > 0) {
                        out.println();
                    }
                    LabReport.printTable(results.get(i), out);
                }
            }
        }
        if (plot != null) {
            List<Chart> charts = results.stream().map(LabReport::chart).toList();
            ChartFiles.write(charts, plot);
        }
        return 0;
    }

    private static Map<String, String> applicable(GuidelineLab lab, Arguments a) {
        Map<String, String> settings = new LinkedHashMap<>(a.knobSettings());
        settings.keySet().removeIf(k -> lab.family().knobs().stream().noneMatch(knob -> knob.name().equals(k)));
        return settings;
    }
}
