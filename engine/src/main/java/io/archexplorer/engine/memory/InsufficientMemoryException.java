package io.archexplorer.engine.memory;

/** A net whose weights and activations do not fit in the heap; refused before anything is allocated. */
public final class InsufficientMemoryException extends RuntimeException {
    public InsufficientMemoryException(String message) {
        super(message);
    }
}
