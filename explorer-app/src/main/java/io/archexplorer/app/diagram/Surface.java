package io.archexplorer.app.diagram;

/**
 * What the diagram is drawn on. The painter draws once through this interface; SVG files, PNG files and the
 * window each implement it, so all three show the same picture.
 */
public interface Surface {

    /** Fonts are monospaced so text width is known without a toolkit: {@link #CHAR_WIDTH} em per character. */
    double CHAR_WIDTH = 0.602;

    /** A rounded rectangle; {@code fill} or {@code stroke} may be null. */
    void rect(double x, double y, double width, double height, double radius, Rgb fill, Rgb stroke,
              double strokeWidth);

    /** An open path; {@code dash} null for a solid line. */
    void path(Path path, Rgb stroke, double strokeWidth, double[] dash);

    /** A closed filled polygon (arrowheads). */
    void polygon(double[] xy, Rgb fill);

    /** Text with its baseline at y, anchored at x by its start, middle or end. */
    void text(String text, double x, double y, double size, boolean bold, Rgb color, Anchor anchor);

    /** How text sits at its x. */
    enum Anchor { START, MIDDLE, END }

    static double textWidth(String text, double size) {
        return text.codePointCount(0, text.length()) * size * CHAR_WIDTH;
    }
}
