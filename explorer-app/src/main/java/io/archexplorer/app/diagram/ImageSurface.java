package io.archexplorer.app.diagram;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/** Draws into a Java2D image, for PNG files (headless: no display needed). */
public final class ImageSurface implements Surface {
    private static final String FONT = "DejaVu Sans Mono";
    private final BufferedImage image;
    private final Graphics2D g;

    /** @param scale device pixels per drawing unit (2 gives crisp text on high-density screens) */
    public ImageSurface(double width, double height, double scale) {
        image = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale),
                BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.scale(scale, scale);
    }

    public BufferedImage image() {
        return image;
    }

    @Override
    public void rect(double x, double y, double w, double h, double radius, Rgb fill, Rgb stroke,
                     double strokeWidth) {
        RoundRectangle2D shape = new RoundRectangle2D.Double(x, y, w, h, 2 * radius, 2 * radius);
        if (fill != null) {
            g.setColor(awt(fill));
            g.fill(shape);
        }
        if (stroke != null) {
            g.setColor(awt(stroke));
            g.setStroke(new BasicStroke((float) strokeWidth));
            g.draw(shape);
        }
    }

    @Override
    public void path(Path path, Rgb stroke, double strokeWidth, double[] dash) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(path.startX(), path.startY());
        for (Path.Segment s : path.segments()) {
            if (s.cubic()) {
                p.curveTo(s.c1x(), s.c1y(), s.c2x(), s.c2y(), s.x(), s.y());
            } else {
                p.lineTo(s.x(), s.y());
            }
        }
        float[] pattern = null;
        if (dash != null) {
            pattern = new float[dash.length];
            for (int i = 0; i < dash.length; i++) {
                pattern[i] = (float) dash[i];
            }
        }
        g.setStroke(new BasicStroke((float) strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, pattern,
                0f));
        g.setColor(awt(stroke));
        g.draw(p);
    }

    @Override
    public void polygon(double[] xy, Rgb fill) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        g.setColor(awt(fill));
        g.fill(p);
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold, Rgb color, Anchor anchor) {
        g.setFont(new Font(FONT, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
        double width = Surface.textWidth(text, size);
        double left = switch (anchor) {
            case START -> x;
            case MIDDLE -> x - width / 2;
            case END -> x - width;
        };
        g.setColor(awt(color));
        g.drawString(text, (float) left, (float) y);
    }

    private static Color awt(Rgb c) {
        return new Color(c.red(), c.green(), c.blue(), (int) Math.round(c.alpha() * 255));
    }
}
