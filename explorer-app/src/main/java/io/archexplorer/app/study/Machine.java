package io.archexplorer.app.study;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Which machine a measurement was taken on, in one line: results kept for later say where they come from. */
public final class Machine {
    private Machine() {
    }

    /** E.g. {@code laptop · Intel(R) Core(TM) i7-8565U CPU @ 1.80GHz · 2 cores · Linux amd64 · Java 17.0.9}. */
    public static String describe() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        String cpu = cpuModel().map(m -> m + " · ").orElse("");
        return host + " · " + cpu + Runtime.getRuntime().availableProcessors() + " cores · "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " · Java "
                + System.getProperty("java.version");
    }

    /** The CPU's model name where the system says it (Linux). */
    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
