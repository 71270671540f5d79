package io.archexplorer.layouts;

/** A laid-out box: {@code x, y} is its centre. */
public record NodeBox(String id, double x, double y, double width, double height) {

    public double left() {
        return x - width / 2;
    }

    public double right() {
        return x + width / 2;
    }

    public double top() {
        return y - height / 2;
    }

    public double bottom() {
        return y + height / 2;
    }
}
