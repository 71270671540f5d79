package io.archexplorer.app;

import io.archexplorer.app.cli.AnalyzeCommand;
import io.archexplorer.app.cli.AtlasCommand;
import io.archexplorer.app.cli.BenchCommand;
import io.archexplorer.app.cli.Command;
import io.archexplorer.app.cli.ExportCommand;
import io.archexplorer.app.cli.LabCommand;
import io.archexplorer.app.cli.ListCommand;
import io.archexplorer.app.cli.ModelArgument;
import io.archexplorer.app.cli.RenderCommand;
import io.archexplorer.app.cli.RunCommand;
import io.archexplorer.app.cli.SaveCommand;
import io.archexplorer.app.cli.SweepCommand;
import io.archexplorer.app.cli.UsageException;
import io.archexplorer.app.study.ModelSource;
import io.archexplorer.app.study.VariantException;
import io.archexplorer.app.window.WindowLauncher;
import io.archexplorer.samples.Catalog;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code explorer} command line. Mistakes get one line on stderr and exit code 2, never a stack trace. */
public final class Main {
    static final int USAGE_ERROR = 2;
    static final int INTERNAL_ERROR = 1;

    private final Catalog catalog;

    Main(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The commands of one run; models they open report import warnings on {@code err}. */
    private List<Command> commands(PrintStream err) {
        ModelSource source = new ModelSource(catalog);
        ModelArgument models = new ModelArgument(source, err::println);
        return List.of(new ListCommand(catalog), new AnalyzeCommand(models), new SaveCommand(models),
                new RenderCommand(models), new BenchCommand(models), new RunCommand(models),
                new ExportCommand(models), new LabCommand(err::println),
                new SweepCommand(source, err::println), new AtlasCommand(catalog, err::println));
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (args.length == 0 || args[0].equals("--screenshot")) {
            System.exit(WindowLauncher.launch(args, err));
        }
        int code = new Main(Catalog.standard()).run(args, out, err);
        out.flush();
        System.exit(code);
    }

    int run(String[] args, PrintStream out, PrintStream err) {
        List<Command> commands = commands(err);
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            printHelp(commands, out);
            return 0;
        }
        Command command = commands.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
        if (command == null) {
            err.println("explorer: unknown command '" + args[0] + "' (commands: "
                    + commands.stream().map(Command::name).collect(Collectors.joining(", ")) + ")");
            return USAGE_ERROR;
        }
        try {
            return command.run(Arrays.asList(args).subList(1, args.length), out);
        } catch (UsageException | VariantException e) {
            out.flush();
            err.println("explorer " + command.name() + ": " + e.getMessage());
            return USAGE_ERROR;
        } catch (IOException | UncheckedIOException e) {
            out.flush();
            err.println("explorer " + command.name() + ": " + e.getMessage());
            return INTERNAL_ERROR;
        } catch (RuntimeException e) {
            out.flush();
            err.println("explorer " + command.name() + ": internal error: " + e
                    + " (please report it with the command you ran)");
            return INTERNAL_ERROR;
        } catch (OutOfMemoryError e) {
            out.flush();
            err.println("explorer " + command.name() + ": ran out of memory (" + e.getMessage() + "); lower the batch, "
                    + "the resolution or the widths, or give Java more memory (-Xmx)");
            return INTERNAL_ERROR;
        }
    }

    private static void printHelp(List<Command> commands, PrintStream out) {
        out.println("Architecture Explorer: exact params, FLOPs (mult-adds) and memory access cost of classic CNNs.");
        out.println();
        out.println("usage: explorer                 open the window");
        out.println("       explorer --screenshot FILE.png [MODEL] [--set KNOB=VALUE]...   save the window as a PNG");
        out.println("       explorer COMMAND ...");
        for (Command c : commands) {
            out.println("  " + c.synopsis());
            out.println("      " + c.summary());
        }
        out.println();
        out.println("MODEL is a preset (resnet50, densenet121, ...), a family (resnet, ...), a .json model file, a"
                + " Caffe .prototxt or an .onnx model.");
        out.println("Run 'explorer list' for every family, preset and knob.");
    }
}
