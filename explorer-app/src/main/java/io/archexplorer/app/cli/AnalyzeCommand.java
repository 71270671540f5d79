package io.archexplorer.app.cli;

import io.archexplorer.app.report.AnalysisCsv;
import io.archexplorer.app.report.AnalysisJson;
import io.archexplorer.app.report.AnalysisTable;
import io.archexplorer.app.study.LoadedModel;
import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code explorer analyze}: params, mult-adds and MAC of every layer and in total. */
public final class AnalyzeCommand implements Command {
    private final ModelArgument models;

    public AnalyzeCommand(ModelArgument models) {
        this.models = models;
    }

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String synopsis() {
        return "analyze MODEL [--set KNOB=VALUE]... [--format table|json|csv]";
    }

    @Override
    public String summary() {
        return "params, FLOPs (mult-adds) and MAC per layer, per block and in total";
    }

    @Override
    public int run(List<String> words, PrintStream out) throws IOException {
        Arguments a = Arguments.parse(name(), words, Set.of("set", "format"));
        String format = a.choice("format", "table", List.of("table", "json", "csv"));
        LoadedModel model = models.load(
                a.single("MODEL (a preset, a family, a .json model file, a Caffe .prototxt or an .onnx model)"),
                a.knobSettings());
        Analysis analysis = CostAnalysis.analyze(model.net());
        switch (format) {
            case "json" -> AnalysisJson.write(model, analysis, out);
            case "csv" -> AnalysisCsv.print(analysis, out);
            default -> AnalysisTable.print(model, analysis, out);
        }
        return 0;
    }
}
