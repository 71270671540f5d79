package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class RenderCommandTest {

    @Test
    void svgIsWellFormedAndNamesTheLayers(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("squeeze.svg");
        CliRun run = CliRun.of("render", "squeezenet1_1", "--out", svg.toString());
        assertEquals(0, run.exitCode(), run.err());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        String text = Files.readString(svg);
        assertTrue(text.contains(">fire2<") && text.contains(">squeeze<") && text.contains("conv 3×3, 64"), "labels");
        assertTrue(text.contains(">64×55×55<"), "edge labels carry tensor shapes");
    }

    @Test
    void pngHasTheDiagramsProportions(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("r18.png");
        Path svg = dir.resolve("r18.svg");
        assertEquals(0, CliRun.of("render", "resnet18", "--out", png.toString()).exitCode());
        assertEquals(0, CliRun.of("render", "resnet18", "--out", svg.toString()).exitCode());
        BufferedImage image = ImageIO.read(png.toFile());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        double width = Double.parseDouble(doc.getDocumentElement().getAttribute("width"));
        double height = Double.parseDouble(doc.getDocumentElement().getAttribute("height"));
        assertEquals(Math.ceil(width * 2), image.getWidth(), 1, "same drawing, twice the pixels");
        assertEquals(Math.ceil(height * 2), image.getHeight(), 1);
    }

    @Test
    void statsReportTheLayout(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("render", "resnet18", "--collapse", "blocks", "--direction", "right", "--stats",
                "--out", dir.resolve("r.svg").toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode stats = new ObjectMapper().readTree(run.out());
        // stem conv, maxpool, 8 basic blocks, avgpool, flatten, fc, input: 14 boxes in a chain.
        assertEquals(14, stats.get("nodes").asInt());
        assertEquals(13, stats.get("edges").asInt());
        assertEquals(0, stats.get("crossings").asInt());
        assertTrue(stats.get("width").asDouble() > stats.get("height").asDouble(), "left to right");
        assertTrue(stats.has("layout_ms"));
    }

    @Test
    void unsupportedExtensionIsRefused(@TempDir Path dir) {
        CliRun run = CliRun.of("render", "resnet18", "--out", dir.resolve("r.gif").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--out must end in .svg or .png"), run.err());
    }
}
