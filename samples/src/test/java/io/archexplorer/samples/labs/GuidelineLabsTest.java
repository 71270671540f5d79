package io.archexplorer.samples.labs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.samples.knobs.KnobValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The four guideline nets against ShuffleNet V2's setups (the paper's tables, copied in
 * {@code labs/shufflenet-v2-guidelines.md}) and against the paper's closed forms of FLOPs and MAC, counted by hand
 * here, not by the engine.
 */
class GuidelineLabsTest {
    private static final long HW = 56L * 56;

    /** One row of a table of the note: its first cell and the rest, split at '|'. */
    private static List<String[]> table(String heading) throws IOException {
        String note;
        try (InputStream in = GuidelineLabsTest.class.getResourceAsStream("/labs/shufflenet-v2-guidelines.md")) {
            note = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String section = note.substring(note.indexOf(heading));
        List<String[]> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : section.split("\n")) {
            if (line.startsWith("|")) {
                inTable = true;
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                if (!cells[0].startsWith("---") && !cells[1].startsWith("GPU")) {
                    rows.add(cells);
                }
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }

    private static double[] figures(String cell) {
        String[] parts = cell.split("/");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i].trim());
        }
        return v;
    }

    private static int[] pair(String cell) {
        Matcher m = Pattern.compile("\\((\\d+), (\\d+)\\)").matcher(cell);
        assertTrue(m.matches(), cell);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static GuidelineLab lab(String id) {
        return GuidelineLabs.lab(id).orElseThrow();
    }

    private static Net net(GuidelineLab lab, LabRow row, Map<String, String> settings) {
        return lab.spec(row, lab.base(settings)).build();
    }

    @ParameterizedTest
    @CsvSource({"g1, G1 —, 2, 4", "g2, G2 —, 2, 4", "g3, G3 —, 1, 2", "g4, G4 —, 1, 2"})
    void publishedFiguresAreThePapers(String id, String heading, int gpuColumn, int armColumn) throws IOException {
        List<String[]> table = table(heading);
        GuidelineLab lab = lab(id);
        assertEquals(table.size(), lab.rows().size());
        for (int r = 0; r < table.size(); r++) {
            LabRow row = lab.rows().get(r);
            assertArrayEquals(figures(table.get(r)[gpuColumn]), row.gpu(), 1e-9, row.variant());
            assertArrayEquals(figures(table.get(r)[armColumn]), row.arm(), 1e-9, row.variant());
        }
    }

    @Test
    void g1UsesThePapersPairsAndCountsItsClosedForms() throws IOException {
        List<String[]> table = table("G1 —");
        GuidelineLab g1 = lab("g1");
        for (int r = 0; r < table.size(); r++) {
            for (String device : List.of("gpu", "arm")) {
                int[] paper = pair(table.get(r)[device.equals("gpu") ? 1 : 3]);
                for (int scale : new int[] {1, 2, 4}) {
                    Net net = net(g1, g1.rows().get(r), Map.of("device", device, "scale", "" + scale));
                    long c1 = (long) paper[0] * scale;
                    long c2 = (long) paper[1] * scale;
                    Analysis a = CostAnalysis.analyze(net);
                    assertEquals(c1, net.inputShape().c());
                    assertEquals(c2, ((Conv) net.layer(net.indexOf("block1.conv1")).op()).outChannels());
                    // 10 blocks of two layers, each B = hw·c1·c2 and MAC = hw(c1 + c2) + c1·c2.
                    assertEquals(20 * HW * c1 * c2, a.totals().multAdds());
                    long layerMac = HW * (c1 + c2) + c1 * c2;
                    assertEquals(layerMac, a.layer(net.indexOf("block7.conv1")).mac());
                    assertEquals(layerMac, a.layer(net.indexOf("block7.conv2")).mac());
                    assertEquals(20 * layerMac, a.totals().mac());
                    KnobValues knobs = g1.spec(g1.rows().get(r), g1.base(Map.of("device", device, "scale",
                            "" + scale))).knobs();
                    assertEquals(20 * layerMac, g1.closedFormMac().apply(knobs).getAsLong());
                }
            }
        }
    }

    @Test
    void g1MacIsSmallestAtEqualWidthsAndNeverBelowTheBound() {
        GuidelineLab g1 = lab("g1");
        long previous = 0;
        for (LabRow row : g1.rows()) {
            Net net = net(g1, row, Map.of());
            Analysis a = CostAnalysis.analyze(net);
            long layerMac = a.layer(net.indexOf("block1.conv1")).mac();
            double b = a.layer(net.indexOf("block1.conv1")).multAdds();
            assertTrue(layerMac >= 2 * Math.sqrt(HW * b) + b / HW - 1e-6, row.variant());
            assertTrue(layerMac > previous, row.variant() + " needs more MAC than the row before");
            previous = layerMac;
        }
    }

    @Test
    void g2UsesThePapersWidthsAndCountsItsClosedForm() throws IOException {
        List<String[]> table = table("G2 —");
        GuidelineLab g2 = lab("g2");
        for (int r = 0; r < table.size(); r++) {
            long g = Long.parseLong(table.get(r)[0]);
            for (String device : List.of("gpu", "arm")) {
                long paper = Long.parseLong(table.get(r)[device.equals("gpu") ? 1 : 3]);
                // The one width of the table that 8 groups cannot split (ARM, g = 8: 180) is the nearest that can.
                long c = paper % g == 0 ? paper : GroupCountLab.ARM_G8_WIDTH;
                assertTrue(Math.abs(c - paper) < g, c + " for " + paper);
                Net net = net(g2, g2.rows().get(r), Map.of("device", device));
                Analysis a = CostAnalysis.analyze(net);
                Conv conv = (Conv) net.layer(net.indexOf("block3.conv")).op();
                assertEquals(g, conv.groups());
                assertEquals(c, conv.outChannels());
                assertEquals(10 * HW * c * c / g, a.totals().multAdds());
                assertEquals(10 * (HW * (c + c) + c * c / g), a.totals().mac());
                assertEquals(a.totals().mac(), g2.closedFormMac().apply(g2.base(Map.of("device", device))
                        .with(g2.rows().get(r).knobs())).getAsLong());
            }
        }
    }

    /** The paper's own rows differ in FLOPs by up to this fraction of the first row's (G1 ARM: 968 vs 1,024). */
    private static double paperSpread(List<Long> flops) {
        return flops.stream().mapToDouble(f -> Math.abs((double) f / flops.get(0) - 1)).max().orElseThrow();
    }

    @Test
    void everyLabsRowsHaveEqualFlopsWithinThePapersOwnTolerance() throws IOException {
        List<Long> paperG1 = new ArrayList<>();
        for (String[] row : table("G1 —")) {
            int[] p = pair(row[3]);
            paperG1.add((long) p[0] * p[1]);
        }
        double tolerance = paperSpread(paperG1);
        assertEquals(0.055, tolerance, 0.001);
        for (GuidelineLab lab : GuidelineLabs.all()) {
            for (String scale : List.of("1", "2", "4")) {
                List<Long> ours = lab.rows().stream()
                        .map(r -> CostAnalysis.analyze(net(lab, r, Map.of("scale", scale))).totals().multAdds())
                        .toList();
                assertTrue(paperSpread(ours) <= tolerance, lab.id() + " ×" + scale + ": " + ours);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "4"})
    void g3FragmentsKeepTheFlopsOfOneConvolution(int scale) {
        GuidelineLab g3 = lab("g3");
        for (String device : List.of("gpu", "arm")) {
            long c = (device.equals("gpu") ? 128L : 64L) * scale;
            for (LabRow row : g3.rows()) {
                long flops = CostAnalysis.analyze(net(g3, row, Map.of("device", device, "scale", "" + scale)))
                        .totals().multAdds();
                double off = Math.abs((double) flops / (10 * HW * c * c) - 1);
                // Parallel and 2-in-series split c² exactly; 4 in series rounds its inner width.
                assertTrue(row.variant().equals("4-fragment-series") ? off < 0.03 : off == 0, row.variant() + off);
            }
        }
    }

    @Test
    void g3ParallelFragmentsAreConcatenatedBranchesCountedByHand() {
        GuidelineLab g3 = lab("g3");
        Net net = net(g3, g3.rows().get(4), Map.of());
        Analysis a = CostAnalysis.analyze(net);
        long c = 128;
        // Each of 4 branches reads the block's input: hw·c in, hw·c/4 out, c·c/4 weights.
        assertEquals(HW * c + HW * c / 4 + c * c / 4, a.layer(net.indexOf("block2.conv4")).mac());
        assertEquals(2 * HW * c, a.layer(net.indexOf("block2.concat")).mac());
        assertEquals(4, net.inputIndices(net.indexOf("block2.concat")).length);
    }

    @Test
    void g4SwitchesOnlyElementwiseOpsWhichCostMacButNoFlops() {
        GuidelineLab g4 = lab("g4");
        List<Analysis> rows = g4.rows().stream().map(r -> CostAnalysis.analyze(net(g4, r, Map.of()))).toList();
        long c = 32;
        // Table 4's c is the bottleneck's inner width; its input and output are 4c wide.
        long convs = HW * (4 * c * c + 9 * c * c + c * 4 * c);
        long convMac = HW * (4 * c + c) + 4 * c * c + HW * (c + c) + 9 * c * c + HW * (c + 4 * c) + 4 * c * c;
        long relus = 2 * HW * c + 2 * HW * c + 2 * HW * 4 * c;
        long add = 3 * HW * 4 * c;
        for (Analysis a : rows) {
            assertEquals(10 * convs, a.totals().multAdds());
        }
        assertEquals(10 * (convMac + relus + add), rows.get(0).totals().mac());
        assertEquals(10 * (convMac + relus), rows.get(1).totals().mac());
        assertEquals(10 * (convMac + add), rows.get(2).totals().mac());
        assertEquals(10 * convMac, rows.get(3).totals().mac());
    }

    @ParameterizedTest
    @CsvSource({"g1, G1 —, 2", "g2, G2 —, 2", "g3, G3 —, 1", "g4, G4 —, 1"})
    void paperRankingOrdersTheRowsByThePublishedSpeed(String id, String heading, int gpuColumn) throws IOException {
        List<String[]> table = table(heading);
        List<String> firstCells = table.stream()
                .sorted(Comparator.comparingDouble((String[] r) -> -figures(r[gpuColumn])[1]))
                .map(r -> r[0]).toList();
        List<String> ranking = lab(id).paperRanking(PaperDevice.GPU, 2);
        // The lab's variant names follow the table's first cells (g1 "1:1", g2 "g=1", g4 "ReLU yes, shortcut yes").
        List<String> expected = firstCells.stream().map(cell -> lab(id).rows().get(indexOf(table, cell)).variant())
                .toList();
        assertEquals(expected, ranking);
    }

    private static int indexOf(List<String[]> table, String firstCell) {
        for (int i = 0; i < table.size(); i++) {
            if (table.get(i)[0].equals(firstCell)) {
                return i;
            }
        }
        throw new AssertionError(firstCell);
    }

    @Test
    void rowsStartFromTheFamilysDefaults() {
        GuidelineLab g1 = lab("g1");
        KnobValues base = g1.base(Map.of("scale", "2"));
        assertEquals("2", g1.spec(g1.rows().get(3), base).knobs().choice("scale"));
        assertEquals("1:12", g1.spec(g1.rows().get(3), base).knobs().choice("ratio"));
    }
}
