package io.archexplorer.app.diagram;

import io.archexplorer.engine.io.AtomicFiles;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Saves a diagram as SVG or PNG (by the file's extension), atomically. */
public final class DiagramFiles {
    /** Larger PNGs are scaled down so neither side exceeds this (image viewers and memory both have limits). */
    private static final double MAX_PNG_SIDE = 16_000;
    private static final double PNG_SCALE = 2;

    private DiagramFiles() {
    }

    public static boolean isSupported(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".svg") || name.endsWith(".png");
    }

    public static void write(Diagram d, Path file) throws IOException {
        write(d, NodeStyle.CATEGORIES, file);
    }

    /** @param style the colours (e.g. the window's heat map), so the file shows what the screen shows */
    public static void write(Diagram d, NodeStyle style, Path file) throws IOException {
        double width = DiagramPainter.width(d);
        double height = DiagramPainter.height(d);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            SvgSurface svg = new SvgSurface(width, height);
            DiagramPainter.paint(d, svg, style);
            byte[] bytes = svg.document().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, out -> out.write(bytes));
            return;
        }
        double scale = Math.min(PNG_SCALE, MAX_PNG_SIDE / Math.max(width, height));
        ImageSurface png = new ImageSurface(width, height, scale);
        DiagramPainter.paint(d, png, style);
        byte[] bytes = pngBytes(png.image());
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * The PNG encoded in memory: ImageIO writing to a file stream caches through a temporary file of its own and, when
     * the disk fills, its stream closer fails a second time with a stack trace; encoded first, only our atomic write
     * touches the disk.
     */
    public static byte[] pngBytes(RenderedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.setUseCache(false);
        if (!ImageIO.write(image, "png", bytes)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return bytes.toByteArray();
    }
}
