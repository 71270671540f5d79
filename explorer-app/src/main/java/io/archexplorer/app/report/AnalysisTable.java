package io.archexplorer.app.report;

import io.archexplorer.app.study.LoadedModel;
import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.samples.knobs.Knob;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The per-layer table of {@code explorer analyze}, like torchinfo's summary or Netscope's analyzer: one row per
 * layer, a subtotal row where a block ends (nested blocks each get theirs), the totals and a one-line summary.
 */
public final class AnalysisTable {
    private AnalysisTable() {
    }

    public static void print(LoadedModel model, Analysis analysis, PrintStream out) {
        Net net = analysis.net();
        out.println(model.name() + " — " + (model.family().isEmpty() ? "model file" : model.family())
                + knobText(model.knobs()));
        out.println("input " + net.inputShape() + " (N×C×H×W); output shapes below are per image (C×H×W)");
        out.println();

        TextTable table = new TextTable("layer", "op", ">output", ">params", ">mult-adds", ">MAC");
        List<String> openBlocks = new ArrayList<>();
        for (int i = 0; i < net.size(); i++) {
            Layer layer = net.layer(i);
            closeBlocksNotContaining(layer.block(), openBlocks, analysis, table);
            openBlocksOf(layer.block(), openBlocks);
            LayerCost c = analysis.layer(i);
            String op = (layer.op().kind() + " " + layer.op().attributesSummary()).trim();
            table.row(layer.name(), op, net.outputShape(i).perImage(), Numbers.grouped(c.params()),
                    Numbers.grouped(c.multAdds()), Numbers.grouped(c.mac()));
        }
        closeBlocksNotContaining("", openBlocks, analysis, table);
        LayerCost t = analysis.totals();
        table.rule();
        table.row("total", net.size() + " layers", "", Numbers.grouped(t.params()), Numbers.grouped(t.multAdds()),
                Numbers.grouped(t.mac()));
        table.print(out);
        out.println();
        out.println(Numbers.human(t.params()) + " params (" + Numbers.human(t.paramsExcludingBatchNorm())
                + " excluding batchnorm) · " + Numbers.human(t.multAdds()) + " mult-adds (FLOPs) · "
                + Numbers.human(t.mac()) + " MAC · " + Numbers.human(t.activations()) + " activations");
        if (analysis.unknownLayers() > 0) {
            out.println(analysis.unknownLayers() + " layers have unknown shapes (below a layer the engine does not"
                    + " know) and are not counted");
        }
    }

    private static String knobText(Map<String, Object> knobs) {
        if (knobs.isEmpty()) {
            return "";
        }
        return " (" + knobs.entrySet().stream().map(e -> e.getKey() + "=" + Knob.text(e.getValue()))
                .collect(Collectors.joining(", ")) + ")";
    }

    /** Blocks are paths (a.b.c); a layer in a.b keeps a and a.b open, and closes every other open block. */
    private static void closeBlocksNotContaining(String block, List<String> open, Analysis analysis,
                                                 TextTable table) {
        for (int k = open.size() - 1; k >= 0; k--) {
            String b = open.get(k);
            if (block.equals(b) || block.startsWith(b + ".")) {
                break;
            }
            LayerCost s = analysis.blockTotals(b);
            table.row("  Σ " + b, "", "", Numbers.grouped(s.params()), Numbers.grouped(s.multAdds()),
                    Numbers.grouped(s.mac()));
            open.remove(k);
        }
    }

    /** A layer in block a.b opens a (e.g. the stage layer1) and a.b (the bottleneck layer1.0). */
    private static void openBlocksOf(String block, List<String> open) {
        if (block.isEmpty()) {
            return;
        }
        StringBuilder path = new StringBuilder();
        for (String part : block.split("\\.")) {
            path.append(path.length() == 0 ? "" : ".").append(part);
            if (!open.contains(path.toString())) {
                open.add(path.toString());
            }
        }
    }
}
