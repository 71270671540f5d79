package io.archexplorer.app.cli;

import io.archexplorer.app.study.LoadedModel;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.onnx.OnnxExporter;
import io.archexplorer.engine.memory.InsufficientMemoryException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code explorer export}: the net as an ONNX model with the weights {@code run} uses for the same seed, so ONNX
 * Runtime (or any ONNX tool, Netron included) computes the same outputs.
 */
public final class ExportCommand implements Command {
    private final ModelArgument models;

    public ExportCommand(ModelArgument models) {
        this.models = models;
    }

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String synopsis() {
        return "export MODEL [--set KNOB=VALUE]... --onnx FILE.onnx [--seed S]";
    }

    @Override
    public String summary() {
        return "write an ONNX model (opset 14) with the seeded weights run uses";
    }

    @Override
    public int run(List<String> words, PrintStream out) {
        Arguments a = Arguments.parse(name(), words, Set.of("set", "onnx", "seed"));
        Path file = Path.of(a.required("onnx"));
        long seed = Options.seed(a);
        LoadedModel model = models.load(a.single("MODEL"), a.knobSettings());
        Net net = model.net();
        try {
            // Before the weights: an opaque layer has none to generate, and the message names it.
            net.requireKnownShapes("export");
            OnnxExporter.write(net, model.weights(net, seed), file);
        } catch (IOException e) {
            throw UsageException.cannotWrite(file, e);
        } catch (InsufficientMemoryException | IllegalArgumentException e) {
            // Too large, or a net the exporter cannot express (an opaque layer, an op without an ONNX mapping).
            throw new UsageException(e.getMessage());
        }
        out.println("wrote " + file + " (" + net.size() + " layers, input " + net.inputShape() + ", seed " + seed + ")");
        return 0;
    }
}
