package io.archexplorer.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code explorer}. */
public interface Command {
    String name();

    /** The synopsis line shown in the help, e.g. {@code analyze MODEL [--set KNOB=VALUE]...}. */
    String synopsis();

    /** One sentence on what it does. */
    String summary();

    /**
     * Runs with the words after the subcommand name; returns the exit code.
     *
     * @throws UsageException for the user's mistakes
     */
    int run(List<String> words, PrintStream out) throws IOException;
}
