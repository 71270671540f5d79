package io.archexplorer.samples;

/** A model name that is neither a preset nor a family. */
public final class UnknownModelException extends RuntimeException {
    public UnknownModelException(String message) {
        super(message);
    }
}
