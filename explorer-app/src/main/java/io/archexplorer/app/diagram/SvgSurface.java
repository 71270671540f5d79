package io.archexplorer.app.diagram;

import java.util.Locale;

/** Draws into SVG text; numbers are rounded to 0.1 px, which keeps large diagrams small. */
public final class SvgSurface implements Surface {
    private final StringBuilder svg = new StringBuilder();
    private final double width;
    private final double height;

    public SvgSurface(double width, double height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public void rect(double x, double y, double w, double h, double radius, Rgb fill, Rgb stroke,
                     double strokeWidth) {
        svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append('"');
        if (radius > 0) {
            svg.append(" rx=\"").append(n(radius)).append('"');
        }
        paint(fill, stroke, strokeWidth);
        svg.append("/>\n");
    }

    @Override
    public void path(Path path, Rgb stroke, double strokeWidth, double[] dash) {
        svg.append("<path d=\"M").append(n(path.startX())).append(',').append(n(path.startY()));
        for (Path.Segment seg : path.segments()) {
            if (seg.cubic()) {
                svg.append(" C").append(n(seg.c1x())).append(',').append(n(seg.c1y())).append(' ')
                        .append(n(seg.c2x())).append(',').append(n(seg.c2y())).append(' ');
            } else {
                svg.append(" L");
            }
            svg.append(n(seg.x())).append(',').append(n(seg.y()));
        }
        svg.append('"');
        paint(null, stroke, strokeWidth);
        if (dash != null) {
            svg.append(" stroke-dasharray=\"");
            for (int i = 0; i < dash.length; i++) {
                svg.append(i == 0 ? "" : " ").append(n(dash[i]));
            }
            svg.append('"');
        }
        svg.append("/>\n");
    }

    @Override
    public void polygon(double[] xy, Rgb fill) {
        svg.append("<polygon points=\"");
        for (int i = 0; i < xy.length; i += 2) {
            svg.append(i == 0 ? "" : " ").append(n(xy[i])).append(',').append(n(xy[i + 1]));
        }
        svg.append('"');
        paint(fill, null, 0);
        svg.append("/>\n");
    }

    @Override
    public void text(String text, double x, double y, double size, boolean bold, Rgb color, Anchor anchor) {
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"")
                .append(n(size)).append('"');
        if (bold) {
            svg.append(" font-weight=\"bold\"");
        }
        if (anchor != Anchor.START) {
            svg.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        svg.append(" fill=\"").append(color.hex()).append("\">").append(escape(text)).append("</text>\n");
    }

    private void paint(Rgb fill, Rgb stroke, double strokeWidth) {
        svg.append(" fill=\"").append(fill == null ? "none" : fill.hex()).append('"');
        if (fill != null && fill.alpha() < 1) {
            svg.append(" fill-opacity=\"").append(n(fill.alpha(), 3)).append('"');
        }
        if (stroke != null) {
            svg.append(" stroke=\"").append(stroke.hex()).append("\" stroke-width=\"").append(n(strokeWidth))
                    .append('"');
        }
    }

    /** The complete SVG document. */
    public String document() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + n(width) + "\" height=\"" + n(height)
                + "\" viewBox=\"0 0 " + n(width) + " " + n(height) + "\" font-family=\"'DejaVu Sans Mono', Menlo, "
                + "Consolas, monospace\">\n" + svg + "</svg>\n";
    }

    private static String n(double v) {
        return n(v, 1);
    }

    private static String n(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
