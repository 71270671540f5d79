package io.archexplorer.layouts;

/** The rectangle drawn around an expanded compound node's members, padding included. */
public record Frame(String compoundId, double left, double top, double right, double bottom) {

    public boolean encloses(NodeBox box) {
        return box.left() >= left && box.right() <= right && box.top() >= top && box.bottom() <= bottom;
    }

    public boolean encloses(Frame inner) {
        return inner.left >= left && inner.right <= right && inner.top >= top && inner.bottom <= bottom;
    }
}
