package io.archexplorer.app.window;

/**
 * Why a variant could not be made; the window shows the message and keeps the last good variant.
 *
 * @see #knob() the knob to show the message at, or null when it is about a file
 */
public final class VariantException extends Exception {
    private final String knob;

    public VariantException(String knob, String message) {
        super(message);
        this.knob = knob;
    }

    public String knob() {
        return knob;
    }
}
