package io.archexplorer.app.cli;

import io.archexplorer.app.diagram.Diagram;
import io.archexplorer.app.diagram.DiagramBuilder;
import io.archexplorer.app.diagram.DiagramFiles;
import io.archexplorer.app.diagram.DiagramOptions;
import io.archexplorer.app.report.Numbers;
import io.archexplorer.app.study.LoadedModel;
import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.layouts.Direction;
import io.archexplorer.layouts.LayoutQuality;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code explorer render}: the net as a Netscope-style picture, to SVG or PNG. */
public final class RenderCommand implements Command {
    private final ModelArgument models;

    public RenderCommand(ModelArgument models) {
        this.models = models;
    }

    @Override
    public String name() {
        return "render";
    }

    @Override
    public String synopsis() {
        return "render MODEL [--set KNOB=VALUE]... --out FILE.svg|FILE.png [--collapse blocks|none] "
                + "[--direction down|right] [--fold on|off] [--stats]";
    }

    @Override
    public String summary() {
        return "draw the net (layered layout, blocks framed or collapsed)";
    }

    @Override
    public int run(List<String> words, PrintStream out) throws IOException {
        Arguments a = Arguments.parse(name(), words, Set.of("set", "out", "collapse", "direction", "fold"),
                Set.of("stats"));
        Path file = Path.of(a.required("out"));
        if (!DiagramFiles.isSupported(file)) {
            throw new UsageException("--out must end in .svg or .png, got " + file);
        }
        boolean collapse = a.choice("collapse", "none", List.of("blocks", "none")).equals("blocks");
        Direction direction = a.choice("direction", "down", List.of("down", "right")).equals("down")
                ? Direction.TOP_TO_BOTTOM : Direction.LEFT_TO_RIGHT;
        boolean fold = a.choice("fold", "on", List.of("on", "off")).equals("on");
        LoadedModel model = models.load(a.single("MODEL"), a.knobSettings());
        Analysis analysis = CostAnalysis.analyze(model.net());

        Set<String> blocks = collapse ? DiagramBuilder.innermostBlocks(model.net()) : Set.of();
        String title = model.name() + " — " + Numbers.human(analysis.totals().params()) + " params · "
                + Numbers.human(analysis.totals().multAdds()) + " mult-adds · " + Numbers.human(analysis.totals().mac())
                + " MAC";
        DiagramOptions options = new DiagramOptions(fold, blocks, direction);
        Diagram diagram = DiagramBuilder.build(title, analysis, options, null);
        try {
            DiagramFiles.write(diagram, file);
        } catch (IOException e) {
            throw UsageException.cannotWrite(file, e);
        }
        if (a.flag("stats")) {
            LayoutQuality q = LayoutQuality.of(diagram.layout());
            out.printf(Locale.ROOT, "{\"nodes\": %d, \"edges\": %d, \"crossings\": %d, \"layout_ms\": %.3f, "
                    + "\"width\": %.1f, \"height\": %.1f}%n", q.nodeCount(), q.edgeCount(), q.crossings(), q.millis(),
                    q.width(), q.height());
        } else {
            out.println("wrote " + file + " (" + diagram.nodes().size() + " boxes, " + diagram.edges().size()
                    + " edges)");
        }
        return 0;
    }
}
