package io.archexplorer.samples.knobs;

/** A knob value that makes no sense; the message names the knob and says why. */
public final class KnobException extends RuntimeException {
    private final String knob;

    public KnobException(String knob, String reason) {
        super("knob '" + knob + "': " + reason);
        this.knob = knob;
    }

    public String knob() {
        return knob;
    }
}
