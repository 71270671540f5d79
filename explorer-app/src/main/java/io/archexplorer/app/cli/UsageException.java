package io.archexplorer.app.cli;

/** A mistake of the user's (unknown model, bad option, unreadable file): one line on stderr, exit code 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
