package io.archexplorer.app.cli;

import io.archexplorer.app.study.SpeedTest;
import io.archexplorer.samples.knobs.DecimalText;

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

    static long seed(Arguments a) {
        String text = a.option("seed", Long.toString(SpeedTest.DEFAULT_SEED));
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be a whole number, got '" + text + "'");
        }
    }
}
