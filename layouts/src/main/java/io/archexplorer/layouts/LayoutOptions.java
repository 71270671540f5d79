package io.archexplorer.layouts;

/**
 * Spacing knobs, all in the same units as the box sizes.
 *
 * @param direction       which way edges flow
 * @param nodeSeparation  gap between neighbouring boxes of one rank
 * @param edgeSeparation  gap kept around an edge passing through a rank (its dummy node)
 * @param rankSeparation  gap between the boxes of consecutive ranks; keep it above
 *                        {@code framePadding} times the nesting depth so frames stay apart
 * @param framePadding    margin between a compound's frame and its members
 */
public record LayoutOptions(Direction direction, double nodeSeparation, double edgeSeparation,
                            double rankSeparation, double framePadding) {

    public LayoutOptions {
        if (direction == null) {
            throw new IllegalArgumentException("direction is required");
        }
        if (nodeSeparation < 0 || edgeSeparation < 0 || rankSeparation < 0 || framePadding < 0) {
            throw new IllegalArgumentException("separations and padding must not be negative");
        }
    }

    public static LayoutOptions defaults() {
        return new LayoutOptions(Direction.TOP_TO_BOTTOM, 20, 10, 40, 8);
    }

    public LayoutOptions withDirection(Direction newDirection) {
        return new LayoutOptions(newDirection, nodeSeparation, edgeSeparation, rankSeparation, framePadding);
    }
}
