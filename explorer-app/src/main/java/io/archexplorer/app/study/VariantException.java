package io.archexplorer.app.study;

/**
 * Why a model or variant could not be made (unknown model, impossible knob value, unreadable file): a one-line
 * message naming the culprit. The command line prints it and exits with code 2; the window shows it and keeps the
 * last good variant.
 *
 * @see #knob() the knob to show the message at, or null when it is about a model name or a file
 */
public final class VariantException extends RuntimeException {
    private final String knob;

    public VariantException(String knob, String message) {
        super(message);
        this.knob = knob;
    }

    public String knob() {
        return knob;
    }
}
