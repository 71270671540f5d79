package io.archexplorer.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Pool;
import org.junit.jupiter.api.Test;

/** A whole network against published figures: torchvision's ResNet-18 (11,689,512 params, 1.81 GFLOPS). */
class ResNet18CostTest {

    private static String convBn(NetBuilder b, String name, int channels, int kernel, int stride, String input) {
        String conv = b.add("conv" + name, Conv.of(channels, kernel, stride, kernel / 2), input);
        return b.add("bn" + name, new BatchNorm(), conv);
    }

    private static String basicBlock(NetBuilder b, int channels, int stride, boolean downsample, String input) {
        String x = b.add("relu1", Activation.relu(), convBn(b, "1", channels, 3, stride, input));
        x = convBn(b, "2", channels, 3, 1, x);
        String shortcut = downsample ? convBn(b, "_down", channels, 1, stride, input) : input;
        return b.add("relu2", Activation.relu(), b.add("add", new Add(), x, shortcut));
    }

    private static Net resnet18() {
        NetBuilder b = new NetBuilder("resnet18");
        String x = b.add("data", new Input(1, 3, 224, 224));
        x = b.add("relu", Activation.relu(), convBn(b, "1", 64, 7, 2, x));
        x = b.add("maxpool", Pool.max(3, 2, 1), x);
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < widths.length; stage++) {
            try (NetBuilder.Scope layer = b.block("layer" + (stage + 1))) {
                for (int unit = 0; unit < 2; unit++) {
                    try (NetBuilder.Scope block = b.block(Integer.toString(unit))) {
                        boolean first = unit == 0 && stage > 0;
                        x = basicBlock(b, widths[stage], first ? 2 : 1, first, x);
                    }
                }
            }
        }
        x = b.add("flatten", new Flatten(), b.add("avgpool", new GlobalAvgPool(), x));
        b.add("fc", new FullyConnected(1000, true), x);
        return b.build();
    }

    @Test
    void matchesTorchvisionResNet18() {
        Analysis analysis = CostAnalysis.analyze(resnet18());

        assertEquals(Shape.of(1, 512, 7, 7), analysis.net().outputShape(analysis.net().indexOf("layer4.1.relu2")));
        assertEquals(Shape.of(1, 1000), analysis.net().finalShape());
        assertEquals(11_689_512, analysis.totals().params());
        assertEquals(1.81, analysis.totals().multAdds() / 1e9, 0.005);
    }

    @Test
    void stageTotalsCountTheirBlocks() {
        Analysis analysis = CostAnalysis.analyze(resnet18());

        // layer1: two blocks of two 3×3 convs 64→64 (36,864 each) and two batchnorms (128 each)
        LayerCost layer1 = analysis.blockTotals("layer1");
        assertEquals(2 * (2 * 36_864 + 2 * 128), layer1.params());
        assertEquals(2 * 2 * 128, layer1.batchNormParams());
        // layer2.0: 3×3 64→128 (73,728), 3×3 128→128 (147,456), 1×1 64→128 shortcut (8,192), three batchnorms
        assertEquals(73_728 + 147_456 + 8_192 + 3 * 256, analysis.blockTotals("layer2.0").params());
    }
}
