package io.archexplorer.app.cli;

import io.archexplorer.app.diagram.DiagramFiles;
import io.archexplorer.app.study.SpeedTest;
import io.archexplorer.engine.runtime.MeasurePlan;
import io.archexplorer.samples.knobs.DecimalText;
import java.nio.file.Path;

/** Numeric option values, checked with a message naming the option. */
final class Options {
    private Options() {
    }

    static int integer(Arguments a, String name, int fallback, int min, int max) {
        String text = a.option(name, Integer.toString(fallback));
        // The knobs' spelling of numbers, so --batch and --set take the same text.
        if (!DecimalText.isWhole(text)) {
            throw new UsageException("--" + name + " must be a whole number, got '" + text + "'");
        }
        long value = DecimalText.wholeValue(text);
        if (value < min || value > max) {
            throw new UsageException("--" + name + " must be in " + min + ".." + max + ", got " + text);
        }
        return (int) value;
    }

    /**
     * {@code --threads}, at most the machine's cores: the runtime's workers spin between kernels, and more of them
     * than cores would only compete for the same cores.
     */
    static int threads(Arguments a) {
        int cores = Runtime.getRuntime().availableProcessors();
        return integer(a, "threads", cores, 1, cores);
    }

    /**
     * The measuring protocol with {@code --warmup N} and {@code --runs N} fixing either count, and {@code --rounds N}
     * (when the command takes it) the interleaving rounds; unset, the standard one.
     */
    static MeasurePlan plan(Arguments a) {
        MeasurePlan plan = MeasurePlan.standard();
        if (a.flag("warmup")) {
            plan = plan.withWarmupRuns(integer(a, "warmup", 0, 0, 100_000));
        }
        if (a.flag("runs")) {
            plan = plan.withRuns(integer(a, "runs", 1, 1, 100_000));
        }
        if (a.flag("rounds")) {
            plan = plan.withRounds(integer(a, "rounds", MeasurePlan.DEFAULT_ROUNDS, 1, 1000));
        }
        return plan;
    }

    /** {@code --plot FILE.png|FILE.svg}, or null when not given. */
    static Path plot(Arguments a) {
        if (!a.flag("plot")) {
            return null;
        }
        Path plot = Path.of(a.option("plot", ""));
        if (!DiagramFiles.isSupported(plot)) {
            throw new UsageException("--plot must name a .png or .svg file, got '" + plot + "'");
        }
        return plot;
    }

    static long seed(Arguments a) {
        String text = a.option("seed", Long.toString(SpeedTest.DEFAULT_SEED));
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be a whole number, got '" + text + "'");
        }
    }
}
