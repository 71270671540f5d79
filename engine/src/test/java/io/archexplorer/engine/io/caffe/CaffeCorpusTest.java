package io.archexplorer.engine.io.caffe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.ModelFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CaffeCorpusTest {

    static ImportedModel load(String file) throws IOException, ModelFileException {
        try (InputStream in = CaffeCorpusTest.class.getResourceAsStream("/caffe/" + file)) {
            return CaffeImporter.read(file, file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "bvlc_alexnet.prototxt, 0", "bvlc_googlenet.prototxt, 0", "densenet121.prototxt, 0",
        "inception_v3.prototxt, 0", "inception_v4.prototxt, 0", "mobilenet_v1.prototxt, 0",
        "mobilenet_v2.prototxt, 0", "netscope_preset_alexnet.prototxt, 0", "netscope_preset_caffenet.prototxt, 0",
        "netscope_preset_fcn-8s-pascal.prototxt, 0", "netscope_preset_googlenet.prototxt, 0",
        "netscope_preset_nin.prototxt, 0", "netscope_preset_vgg-16.prototxt, 0", "resnet50.prototxt, 0",
        "resnext50_32x4d.prototxt, 0", "se_resnet50.prototxt, 0", "se_resnext50_32x4d.prototxt, 0",
        "squeezenet_v1.0.prototxt, 0", "squeezenet_v1.1.prototxt, 0", "xception.prototxt, 0",
        "xception_dw.prototxt, 0"})
    void imports(String file, long params) throws Exception {
        ImportedModel m = load(file);
        Analysis a = CostAnalysis.analyze(m.document().net());
        System.out.println(file + " params=" + a.totals().params() + " exbn=" + a.totals().paramsExcludingBatchNorm()
                + " madds=" + a.totals().multAdds() + " unknown=" + a.unknownLayers() + " batch=" + m.declaredBatch()
                + " final=" + m.document().net().finalShape() + " warnings=" + m.warnings());
    }
}
