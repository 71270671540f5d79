package io.archexplorer.engine.io.caffe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.ModelFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every file of the corpus (src/test/resources/caffe, see SOURCES.md there) imports without an opaque layer, and
 * its figures agree with values obtained independently of this importer.
 */
class CaffeCorpusTest {

    static ImportedModel load(String file) throws IOException, ModelFileException {
        try (InputStream in = CaffeCorpusTest.class.getResourceAsStream("/caffe/" + file)) {
            return CaffeImporter.read(file, file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bvlc_alexnet", "bvlc_googlenet", "densenet121", "inception_v3", "inception_v4",
        "mobilenet_v1", "mobilenet_v2", "netscope_preset_alexnet", "netscope_preset_caffenet",
        "netscope_preset_fcn-8s-pascal", "netscope_preset_googlenet", "netscope_preset_nin",
        "netscope_preset_vgg-16", "resnet50", "resnext50_32x4d", "se_resnet50", "se_resnext50_32x4d",
        "squeezenet_v1.0", "squeezenet_v1.1", "xception", "xception_dw"})
    void importsEveryLayerOfEveryFile(String name) throws Exception {
        ImportedModel m = load(name + ".prototxt");
        Analysis a = CostAnalysis.analyze(m.document().net());
        assertEquals(0, a.unknownLayers());
        assertTrue(m.warnings().stream().allMatch(w -> w.contains("data layer")), m.warnings().toString());
        assertEquals(1, m.document().net().inputShape().n(), "figures are per image");
    }

    /**
     * Total params and params without batchnorm γ/β, with where each expected value comes from.
     * <ul>
     *   <li>AlexNet/CaffeNet: 60,965,224, the published count of BVLC AlexNet (with group 2 in conv2, 4, 5).
     *   <li>GoogLeNet (BVLC, no batchnorm): 6,998,552 as published for BVLC GoogLeNet.
     *   <li>VGG-16, Inception v3, DenseNet-121, ResNeXt-50 32×4d, SqueezeNet 1.0/1.1: PyTorch's figures for
     *       torchvision's nets (samples/src/test/resources/reference; Inception v3 without its auxiliary head,
     *       which deploy files do not have). BatchNorm + Scale counts as one batchnorm: same split as PyTorch.
     *   <li>ResNet-50 (He et al.'s file): torchvision's 25,557,032 (25,503,912 without batchnorm) + 64, because this
     *       file's conv1 has a bias (it lacks the {@code bias_term: false} the other 52 convolutions have).
     *   <li>MobileNet v2 (shicai): torchvision's 3,504,872 (3,470,760) + 1,088: this file's first bottleneck
     *       (t = 1) still has a 32→32 1×1 expansion convolution (1,024 weights) with its batchnorm (64 γ/β).
     *   <li>MobileNet v1 (shicai): 4,231,976 as shicai's model states; its batchnorms cover 10,944 channels
     *       (conv1 32, depthwise 4,960, pointwise 5,952), so 21,888 γ/β.
     *   <li>SE-ResNet-50 / SE-ResNeXt-50: the ResNet-50 / ResNeXt-50 counts (conv1 without bias here) plus the SE
     *       blocks, Σ over blocks of 2·C²/16 + C/16 + C (two 1×1 convolutions with bias, r = 16) for C = 256 ×3,
     *       512 ×4, 1024 ×6, 2048 ×3 = 2,530,992.
     *   <li>Xception: Keras' Xception has 22,910,480 weights of which 54,528 non-trainable (batchnorm mean and
     *       variance, as many as γ and β): 22,855,952 params, 22,801,424 without γ/β.
     *   <li>NIN (ImageNet): by hand from its layers: conv1 11×11 96 (34,944), cccp1-2 (2 × 9,312), conv2 5×5 256
     *       (614,656), cccp3-4 (2 × 65,792), conv3 3×3 384 (885,120), cccp5-6 (2 × 147,840), conv4 3×3 1024
     *       (3,539,968), cccp7 (1,049,600), cccp8 1000 (1,025,000), all with bias.
     *   <li>FCN-8s: VGG-16's convolutions (14,714,688) + fc6/fc7 as convolutions (102,764,544 + 16,781,312) +
     *       three 21-class scores (86,037 + 10,773 + 5,397) + deconvolutions 21·21·4·4 (7,056, with bias 21: the
     *       first one has no {@code bias_term: false}), 7,056 and 21·21·16·16 (112,896).
     * </ul>
     */
    @ParameterizedTest
    @CsvSource({
        "bvlc_alexnet, 60965224, 60965224",
        "netscope_preset_alexnet, 60965224, 60965224",
        "netscope_preset_caffenet, 60965224, 60965224",
        "bvlc_googlenet, 6998552, 6998552",
        "netscope_preset_googlenet, 6998552, 6998552",
        "netscope_preset_vgg-16, 138357544, 138357544",
        "inception_v3, 23834568, 23800136",
        "densenet121, 7978856, 7895208",
        "resnext50_32x4d, 25028904, 24960680",
        "squeezenet_v1.0, 1248424, 1248424",
        "squeezenet_v1.1, 1235496, 1235496",
        "resnet50, 25557096, 25503976",
        "mobilenet_v2, 3505960, 3471784",
        "mobilenet_v1, 4231976, 4210088",
        "se_resnet50, 28088024, 28034904",
        "se_resnext50_32x4d, 27559896, 27491672",
        "xception, 22855952, 22801424",
        "xception_dw, 22855952, 22801424",
        "netscope_preset_nin, 7595176, 7595176",
        "netscope_preset_fcn-8s-pascal, 134489780, 134489780"})
    void paramsAgreeWithIndependentCounts(String name, long params, long paramsExcludingBatchNorm) throws Exception {
        Analysis a = CostAnalysis.analyze(load(name + ".prototxt").document().net());
        assertEquals(params, a.totals().params(), "params");
        assertEquals(paramsExcludingBatchNorm, a.totals().paramsExcludingBatchNorm(), "params excluding batchnorm");
    }

    /**
     * Mult-adds where the Caffe net computes exactly what torchvision's does, so PyTorch's figure applies: VGG-16
     * (same layers, 224×224) and Inception v3 (299×299; its Caffe pooling rounds up but every pooled size is exact);
     * and SE-ResNeXt-50, whose trunk is torchvision's resnext50_32x4d (stride in the grouped 3×3, pool1 3×3/2 without
     * padding gives 56×56 in Caffe too): PyTorch's 4,230,480,872 plus the SE blocks' two fc layers (1×1 convolutions
     * on a 1×1 map, so as many mult-adds as their 2,530,992 params, counted in the test above). ResNeXt-50 and
     * DenseNet-121 (converted from Torch; pool1 says {@code ceil_mode: false}, so it rounds down as Torch does)
     * equal torchvision's resnext50_32x4d and densenet121 exactly.
     */
    @ParameterizedTest
    @CsvSource({"netscope_preset_vgg-16, 15483821032", "inception_v3, 5713217096",
        "se_resnext50_32x4d, 4233011864", "resnext50_32x4d, 4230480872", "densenet121, 2834162664"})
    void multAddsAgreeWithPyTorch(String name, long multAdds) throws Exception {
        assertEquals(multAdds, CostAnalysis.analyze(load(name + ".prototxt").document().net()).totals().multAdds());
    }

    @ParameterizedTest
    @CsvSource({"bvlc_alexnet, 10", "squeezenet_v1.0, 10", "netscope_preset_vgg-16, 10", "resnet50, 1",
        "netscope_preset_alexnet, 50", "netscope_preset_nin, 89"})
    void declaredBatchIsReportedNotAnalyzed(String name, int batch) throws Exception {
        ImportedModel m = load(name + ".prototxt");
        assertEquals(batch, m.declaredBatch());
        assertEquals(1, m.document().net().inputShape().n());
    }
}
