package io.archexplorer.engine.io;

/** A model file that cannot be read; the message starts with {@code file:line:column:} where known. */
public final class ModelFileException extends Exception {
    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
