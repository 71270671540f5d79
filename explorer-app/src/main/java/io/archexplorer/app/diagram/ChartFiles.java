package io.archexplorer.app.diagram;

import io.archexplorer.app.report.Chart;
import io.archexplorer.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Saves charts as SVG or PNG (by the file's extension), atomically; several charts are laid out two per row. */
public final class ChartFiles {
    private static final double PNG_SCALE = 2;

    private ChartFiles() {
    }

    public static void write(List<Chart> charts, Path file) throws IOException {
        int columns = Math.min(2, charts.size());
        int rows = (charts.size() + columns - 1) / columns;
        double width = columns * ChartPainter.WIDTH;
        double height = rows * ChartPainter.HEIGHT;
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            SvgSurface svg = new SvgSurface(width, height);
            paint(charts, svg, columns);
            byte[] bytes = svg.document().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, out -> out.write(bytes));
            return;
        }
        ImageSurface png = new ImageSurface(width, height, PNG_SCALE);
        paint(charts, png, columns);
        AtomicFiles.write(file, out -> ImageIO.write(png.image(), "png", out));
    }

    private static void paint(List<Chart> charts, Surface s, int columns) {
        int rows = (charts.size() + columns - 1) / columns;
        // A grid with an empty last cell would show it transparent (black in many viewers).
        s.rect(0, 0, columns * ChartPainter.WIDTH, rows * ChartPainter.HEIGHT, 0, Rgb.hex("#ffffff"), null, 0);
        for (int i = 0; i < charts.size(); i++) {
            ChartPainter.paint(charts.get(i), s, i % columns * ChartPainter.WIDTH, i / columns * ChartPainter.HEIGHT);
        }
    }
}
