package io.archexplorer.samples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.ModelFiles;
import io.archexplorer.engine.ops.Conv;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Caffe corpus' Inception-lineage files (test resources caffe/inception-lineage, see SOURCES.md there) against
 * the matching presets: soeaver's Inception v3, v4 and Xception give the presets' totals exactly; BVLC's GoogLeNet
 * differs from torchvision's googlenet preset in the documented ways, which the test spells out layer by layer.
 */
class InceptionCorpusTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"inception_v3, inception_v3", "inception_v4, inception_v4", "xception, xception"})
    void fileHasThePresetsTotals(String file, String preset) throws Exception {
        LayerCost ours = CostAnalysis.analyze(Catalog.standard().resolve(preset, Map.of()).build()).totals();
        LayerCost theirs = read(file).totals();
        assertAll(
                () -> assertEquals(ours.params(), theirs.params(), "params"),
                () -> assertEquals(ours.paramsExcludingBatchNorm(), theirs.paramsExcludingBatchNorm(),
                        "params excluding batchnorm"),
                () -> assertEquals(ours.multAdds(), theirs.multAdds(), "mult-adds"));
    }

    /**
     * BVLC's GoogLeNet is the paper's net: every convolution has a bias and no batchnorm, and the "5×5" branches are
     * 5×5, where torchvision's (the googlenet preset) has batchnorm (γ and β: 2 per channel) after bias-free
     * convolutions and 3×3 kernels in those branches. Convolution by convolution, in order, the output shapes are the
     * same and the weights differ by exactly that; the fc layers are equal.
     */
    @Test
    void bvlcGoogLeNetDiffersFromThePresetAsDocumented() throws Exception {
        Analysis file = read("bvlc_googlenet");
        Analysis preset = CostAnalysis.analyze(Catalog.standard().resolve("googlenet", Map.of()).build());
        List<Integer> fileConvs = convs(file.net());
        List<Integer> presetConvs = convs(preset.net());
        assertEquals(presetConvs.size(), fileConvs.size(), "convolutions");
        long expectedParams = 0;
        for (int i = 0; i < fileConvs.size(); i++) {
            int f = fileConvs.get(i);
            int p = presetConvs.get(i);
            Conv fc = (Conv) file.net().layer(f).op();
            Conv pc = (Conv) preset.net().layer(p).op();
            String what = file.net().layer(f).name() + " / " + preset.net().layer(p).name();
            assertEquals(preset.net().outputShape(p), file.net().outputShape(f), what);
            int presetKernel = file.net().layer(f).name().endsWith("/5x5") ? 3 : fc.kernelH();
            assertEquals(presetKernel, pc.kernelH(), what + ": the preset's kernel");
            long weights = preset.layer(p).params() / ((long) pc.kernelH() * pc.kernelW()) * fc.kernelH() * fc.kernelW();
            assertEquals(weights + fc.outChannels(), file.layer(f).params(), what + ": weights and bias");
            expectedParams += weights + fc.outChannels();
        }
        int fileFc = indexOfKind(file.net(), "fc");
        int presetFc = indexOfKind(preset.net(), "fc");
        assertEquals(preset.layer(presetFc).params(), file.layer(fileFc).params(), "fc");
        expectedParams += file.layer(fileFc).params();
        assertEquals(expectedParams, file.totals().params(), "the file's params are its convolutions' and its fc's");
    }

    private static List<Integer> convs(Net net) {
        List<Integer> convs = new ArrayList<>();
        for (int i = 0; i < net.size(); i++) {
            if (net.layer(i).op() instanceof Conv) {
                convs.add(i);
            }
        }
        return convs;
    }

    private static int indexOfKind(Net net, String kind) {
        for (int i = 0; i < net.size(); i++) {
            if (net.layer(i).op().kind().equals(kind)) {
                return i;
            }
        }
        throw new AssertionError(net.name() + " has no " + kind + " layer");
    }

    private Analysis read(String name) throws IOException, ModelFileException {
        Path file = dir.resolve(name + ".prototxt");
        try (InputStream in = getClass().getResourceAsStream("/caffe/inception-lineage/" + name + ".prototxt")) {
            Files.copy(assertInstanceOf(InputStream.class, in), file);
        }
        return CostAnalysis.analyze(ModelFiles.read(file).document().net());
    }
}
