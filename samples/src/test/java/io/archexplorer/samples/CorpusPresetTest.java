package io.archexplorer.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.ModelFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The presets against the authors' own Caffe files (test resources corpus/, see SOURCES.md there), analyzed by the
 * engine's Caffe importer: the same totals, or the file's documented difference.
 */
class CorpusPresetTest {

    /** Hu et al.'s SE-ResNeXt-50 file is timm's seresnext50_32x4d and our preset: equal params and mult-adds. */
    @Test
    void seResNeXt50EqualsTheAuthorsFile() throws Exception {
        LayerCost file = analyze("se_resnext50_32x4d.prototxt").totals();
        LayerCost preset = preset("se_resnext50_32x4d").totals();
        assertEquals(file.params(), preset.params());
        assertEquals(file.paramsExcludingBatchNorm(), preset.paramsExcludingBatchNorm());
        assertEquals(file.multAdds(), preset.multAdds());
    }

    /**
     * Hu et al.'s SE-ResNet-50 file has our params (28,088,024) but strides the first 1×1 of stages 2–4 (He et al.'s
     * original Caffe layout) where the preset, as timm and torchvision, strides the 3×3. That convolution then runs
     * at a quarter of its input's area: in × planes × (3/4) × side² fewer mult-adds, for (256, 128, 56), (512, 256,
     * 28) and (1024, 512, 14): 3 × 77,070,336.
     */
    @Test
    void seResNet50DiffersFromTheAuthorsFileOnlyByWhereItStrides() throws Exception {
        LayerCost file = analyze("se_resnet50.prototxt").totals();
        LayerCost preset = preset("se_resnet50").totals();
        assertEquals(file.params(), preset.params());
        assertEquals(file.paramsExcludingBatchNorm(), preset.paramsExcludingBatchNorm());
        long perStage = 256L * 128 * 3 * 56 * 56 / 4;
        assertEquals(77_070_336, perStage);
        assertEquals(512L * 256 * 3 * 28 * 28 / 4, perStage);
        assertEquals(1024L * 512 * 3 * 14 * 14 / 4, perStage);
        assertEquals(3 * perStage, preset.multAdds() - file.multAdds());
    }

    /**
     * The model zoo's NIN, layer for layer: every convolution, ReLU, pooling and dropout in order with its name, op,
     * output shape, params and mult-adds. The file's Data, accuracy and loss layers are not part of the preset, and
     * the preset's final flatten (the loss layers read the 1000×1×1 map as a vector) is not in the file.
     */
    @Test
    void ninEqualsTheModelZoosFileLayerForLayer() throws Exception {
        Analysis file = analyze("netscope_preset_nin.prototxt");
        Analysis preset = preset("nin");
        assertEquals(describe(file), describe(preset));
        assertEquals(file.totals().params(), preset.totals().params());
        assertEquals(file.totals().multAdds(), preset.totals().multAdds());
        assertEquals(7_595_176, preset.totals().params(), "the README's corpus table");
    }

    private static List<String> describe(Analysis a) {
        Net net = a.net();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < net.size(); i++) {
            String kind = net.layer(i).op().kind();
            if (kind.equals("input") || kind.equals("training_head") || kind.equals("flatten")) {
                continue;
            }
            LayerCost c = a.layer(i);
            rows.add(net.layer(i).name() + " " + kind + " " + net.outputShape(i) + " params=" + c.params()
                    + " mult_adds=" + c.multAdds());
        }
        return rows;
    }

    private static Analysis preset(String name) {
        return CostAnalysis.analyze(Catalog.standard().resolve(name, Map.of()).build());
    }

    private static Analysis analyze(String file) throws Exception {
        Path path = Path.of(CorpusPresetTest.class.getResource("/corpus/" + file).toURI());
        return CostAnalysis.analyze(ModelFiles.read(path).document().net());
    }
}
