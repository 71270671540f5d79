package io.archexplorer.engine.graph;

/** A net that cannot be built; the message names the culprit layer, e.g. {@code layer 'layer1.0.conv2': ...}. */
public final class InvalidNetException extends RuntimeException {
    private final String layer;

    public InvalidNetException(String layer, String reason) {
        super("layer '" + layer + "': " + reason);
        this.layer = layer;
    }

    public String layer() {
        return layer;
    }
}
