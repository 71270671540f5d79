package io.archexplorer.app.window;

import java.util.concurrent.ThreadFactory;

/** The window's background threads: named (so a thread dump tells whose), daemons (so closing the window exits). */
final class DaemonThreads {
    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
