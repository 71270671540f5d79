package io.archexplorer.app.window;

import java.io.PrintStream;
import java.util.Locale;
import javafx.application.Application;

/**
 * Starts the window. A separate class from {@link ExplorerApp}: a main class that extends Application fails on the
 * plain classpath ("JavaFX runtime components are missing"). Without a display it says how to get one in a line,
 * instead of JavaFX's stack trace.
 */
public final class WindowLauncher {
    private WindowLauncher() {
    }

    /** @return the exit code when the window could not open; the window itself exits the JVM when closed */
    public static int launch(String[] args, PrintStream err) {
        if (!hasDisplay()) {
            err.println("explorer: no display to open the window on; run it under a virtual display with "
                    + "'xvfb-run -a ./explorer', or use the command line ('./explorer help')");
            return 2;
        }
        if ("Monocle".equals(System.getProperty("glass.platform"))) {
            // Monocle's headless screen is 1280×800 unless told otherwise; the window is larger.
            System.setProperty("headless.geometry", System.getProperty("headless.geometry", "1920x1200-32"));
        }
        try {
            Application.launch(ExplorerApp.class, args);
            return ExplorerApp.exitCode();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            err.println("explorer: the window could not open (" + e.getMessage() + "); try 'xvfb-run -a ./explorer'"
                    + " or the command line ('./explorer help')");
            return 1;
        }
    }

    /** X11 or Wayland on Linux, or Monocle (headless tests and screenshots); other systems always have one. */
    static boolean hasDisplay() {
        if ("Monocle".equals(System.getProperty("glass.platform"))) {
            return true;
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return true;
        }
        return notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
