package io.archexplorer.app.window;

import io.archexplorer.app.diagram.Path;
import io.archexplorer.app.diagram.Rgb;
import io.archexplorer.app.diagram.Surface;
import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws the diagram painter's output on a JavaFX canvas, in graph units under the canvas transform. Two things
 * keep DenseNet-201 (a thousand boxes, three thousand labels) smooth while panning: anything outside the visible
 * rectangle is skipped before it reaches the canvas, and text smaller than a few screen pixels, which nobody can
 * read, is not drawn at all; far out, curves are drawn as chords.
 */
final class FxSurface implements Surface {
    private static final String FONT = "DejaVu Sans Mono";
    /** Text under this size on screen is skipped: unreadable, and text is the costliest thing to draw. */
    private static final double MIN_SCREEN_TEXT = 4;
    /**
     * Below this zoom a whole DenseNet is on screen: curves become their chords and arrowheads (a pixel or two)
     * are left out, which halves the time of a frame while panning and changes nothing one can see.
     */
    private static final double COARSE_SCALE = 0.35;

    private final GraphicsContext g;
    private final double left;
    private final double top;
    private final double right;
    private final double bottom;
    private final double scale;
    /** The painter uses a handful of sizes; looking fonts up by name on every label is measurably slow. */
    private final Map<Double, Font> fonts = new HashMap<>();

    /** @param left the visible rectangle in the units the painter draws in; scale = screen pixels per unit */
    FxSurface(GraphicsContext g, double left, double top, double right, double bottom, double scale) {
        this.g = g;
        this.left = left;
        this.top = top;
        this.right = right;
        this.bottom = bottom;
        this.scale = scale;
    }

    private boolean hidden(double x0, double y0, double x1, double y1) {
        return x1 < left || x0 > right || y1 < top || y0 > bottom;
    }

    @Override
    public void rect(double x, double y, double w, double h, double radius, Rgb fill, Rgb stroke,
                     double strokeWidth) {
        if (hidden(x - strokeWidth, y - strokeWidth, x + w + strokeWidth, y + h + strokeWidth)) {
            return;
        }
        if (fill != null) {
            g.setFill(fx(fill));
            g.fillRoundRect(x, y, w, h, 2 * radius, 2 * radius);
        }
        if (stroke != null) {
            g.setStroke(fx(stroke));
            g.setLineWidth(strokeWidth);
            g.strokeRoundRect(x, y, w, h, 2 * radius, 2 * radius);
        }
    }

    @Override
    public void path(Path path, Rgb stroke, double strokeWidth, double[] dash) {
        double x0 = path.startX();
        double y0 = path.startY();
        double x1 = x0;
        double y1 = y0;
        for (Path.Segment s : path.segments()) {
            x0 = Math.min(x0, Math.min(s.x(), s.cubic() ? Math.min(s.c1x(), s.c2x()) : s.x()));
            y0 = Math.min(y0, Math.min(s.y(), s.cubic() ? Math.min(s.c1y(), s.c2y()) : s.y()));
            x1 = Math.max(x1, Math.max(s.x(), s.cubic() ? Math.max(s.c1x(), s.c2x()) : s.x()));
            y1 = Math.max(y1, Math.max(s.y(), s.cubic() ? Math.max(s.c1y(), s.c2y()) : s.y()));
        }
        if (hidden(x0, y0, x1, y1)) {
            return;
        }
        g.beginPath();
        g.moveTo(path.startX(), path.startY());
        boolean coarse = scale < COARSE_SCALE;
        for (Path.Segment s : path.segments()) {
            if (s.cubic() && !coarse) {
                g.bezierCurveTo(s.c1x(), s.c1y(), s.c2x(), s.c2y(), s.x(), s.y());
            } else {
                g.lineTo(s.x(), s.y());
            }
        }
        g.setStroke(fx(stroke));
        g.setLineWidth(strokeWidth);
        g.setLineCap(StrokeLineCap.BUTT);
        g.setLineDashes(dash);
        g.stroke();
        g.setLineDashes((double[]) null);
    }

    @Override
    public void polygon(double[] xy, Rgb fill) {
        if (scale < COARSE_SCALE) {
            return;
        }
        int n = xy.length / 2;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = xy[2 * i];
            ys[i] = xy[2 * i + 1];
        }
        if (hidden(min(xs), min(ys), max(xs), max(ys))) {
            return;
        }
        g.setFill(fx(fill));
        g.fillPolygon(xs, ys, n);
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold, Rgb color, Anchor anchor) {
        if (size * scale < MIN_SCREEN_TEXT) {
            return;
        }
        double width = Surface.textWidth(text, size);
        double start = switch (anchor) {
            case START -> x;
            case MIDDLE -> x - width / 2;
            case END -> x - width;
        };
        if (hidden(start, y - size, start + width, y + size / 3)) {
            return;
        }
        g.setFont(fonts.computeIfAbsent(bold ? -size : size,
                k -> Font.font(FONT, bold ? FontWeight.BOLD : FontWeight.NORMAL, size)));
        g.setFill(fx(color));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
        g.fillText(text, start, y);
    }

    static Color fx(Rgb c) {
        return Color.rgb(c.red(), c.green(), c.blue(), c.alpha());
    }

    private static double min(double[] v) {
        double m = v[0];
        for (double d : v) {
            m = Math.min(m, d);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = v[0];
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }
}
