package io.archexplorer.app.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** A mistake of the user's (unknown model, bad option, unreadable file): one line on stderr, exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    /**
     * {@code cannot write FILE: why}, the reason in words once ("is read-only; not overwritten", "No space left on
     * device"), without repeating the path that Java's file exceptions put in their own message.
     */
    static UsageException cannotWrite(Path file, IOException e) {
        String why = e.getMessage();
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() == null ? "cannot be written" : f.getReason();
            // The folder, say, when it is what is missing; the target itself is named once, in front.
            why = f.getFile() == null || f.getFile().equals(file.toString()) ? reason : f.getFile() + ": " + reason;
        }
        return new UsageException("cannot write " + file + ": " + why);
    }
}
