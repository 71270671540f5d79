package io.archexplorer.layouts;

/** Which way edges flow: ranks stack downwards or rightwards. */
public enum Direction {
    TOP_TO_BOTTOM,
    LEFT_TO_RIGHT
}
