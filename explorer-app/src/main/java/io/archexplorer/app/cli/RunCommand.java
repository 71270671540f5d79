package io.archexplorer.app.cli;

import io.archexplorer.app.study.LoadedModel;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.memory.InsufficientMemoryException;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.RuntimeOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code explorer run}: one inference on a raw float32 input, with the seeded weights {@code export} also writes. */
public final class RunCommand implements Command {
    private final ModelArgument models;

    public RunCommand(ModelArgument models) {
        this.models = models;
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String synopsis() {
        return "run MODEL [--set KNOB=VALUE]... --input IN.f32 --output OUT.f32 [--seed S] [--threads N]";
    }

    @Override
    public String summary() {
        return "one inference on raw little-endian float32 NCHW data";
    }

    @Override
    public int run(List<String> words, PrintStream out) {
        Arguments a = Arguments.parse(name(), words, Set.of("set", "input", "output", "seed", "threads"));
        Path inputFile = Path.of(a.required("input"));
        Path outputFile = Path.of(a.required("output"));
        long seed = Options.seed(a);
        int threads = Options.threads(a);
        LoadedModel model = models.load(a.single("MODEL"), a.knobSettings());
        Net net = model.net();
        float[] input = RawTensors.read(inputFile, net.inputShape().elements(), net.inputShape().toString());
        float[] result;
        try (CompiledNet compiled = model.compile(net, seed, RuntimeOptions.defaults().withThreads(threads))) {
            result = compiled.run(input);
        } catch (InsufficientMemoryException | IllegalArgumentException e) {
            // Too large, or a net the runtime cannot execute (an opaque layer, an op without a kernel).
            throw new UsageException(e.getMessage());
        }
        RawTensors.write(outputFile, result);
        out.println("wrote " + net.finalShape() + " = " + result.length + " float32 values to " + outputFile + " ("
                + model.weightsOrigin(seed) + ")");
        return 0;
    }
}
