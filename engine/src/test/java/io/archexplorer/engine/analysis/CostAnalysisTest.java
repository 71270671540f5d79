package io.archexplorer.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Pool;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cost figures per op, worked out by hand. MAC is input elements (of all inputs) + output elements + params;
 * activations are output elements; both for the whole batch.
 */
class CostAnalysisTest {

    /** Costs of {@code op} applied to layers of the given shapes (an N×F shape is a flattened N×F×1×1 input). */
    private static LayerCost costOf(Op op, List<Shape> inputShapes) {
        NetBuilder b = new NetBuilder("single op");
        String[] inputs = new String[inputShapes.size()];
        for (int i = 0; i < inputs.length; i++) {
            Shape s = inputShapes.get(i);
            if (s.isFeatureMap()) {
                inputs[i] = b.add("in" + i, new Input(s.n(), s.c(), s.h(), s.w()));
            } else {
                String map = b.add("in" + i, new Input(s.n(), s.c(), 1, 1));
                inputs[i] = b.add("flat" + i, new Flatten(), map);
            }
        }
        b.add("op", op, inputs);
        Analysis analysis = CostAnalysis.analyze(b.build());
        return analysis.layer(analysis.net().indexOf("op"));
    }

    private static Arguments cost(String description, Op op, List<Shape> inputs, long params, long batchNormParams,
                                  long multAdds, long mac, long activations) {
        LayerCost expected = new LayerCost(params, batchNormParams, multAdds, mac, activations);
        return Arguments.of(description, op, inputs, expected);
    }

    static Stream<Arguments> opCosts() {
        Shape resnetStage1 = Shape.of(2, 64, 56, 56); // 401,408 elements
        return Stream.of(
                // 3×3, 64 → 128: 128·64·9 = 73,728 weights; output 2·128·56·56 = 802,816 elements,
                // each 64·9 = 576 mult-adds: 462,422,016; MAC 401,408 + 802,816 + 73,728
                cost("3×3 conv 64→128", Conv.of(128, 3, 1, 1), List.of(resnetStage1),
                        73_728, 0, 462_422_016, 1_277_952, 802_816),
                // the bias adds 128 params and one add per output element
                cost("3×3 conv 64→128 with bias", Conv.of(128, 3, 1, 1).withBias(true), List.of(resnetStage1),
                        73_856, 0, 463_224_832, 1_278_080, 802_816),
                // ResNet stem: 64·3·49 = 9,408 weights; 64·112·112 = 802,816 outputs × 147 = 118,013,952
                cost("ResNet stem 7×7/2", Conv.of(64, 7, 2, 3), List.of(Shape.of(1, 3, 224, 224)),
                        9_408, 0, 118_013_952, 150_528 + 802_816 + 9_408, 802_816),
                // ResNeXt 32×4d: each filter sees 128 / 32 = 4 channels: 128·4·9 = 4,608; 401,408 outputs × 36
                cost("grouped 3×3, g=32", Conv.of(128, 3, 1, 1).withGroups(32), List.of(Shape.of(1, 128, 56, 56)),
                        4_608, 0, 14_450_688, 401_408 + 401_408 + 4_608, 401_408),
                // MobileNet depthwise: 32·1·9 = 288; D_K²·M·D_F² = 9·32·112·112 = 3,612,672
                cost("depthwise 3×3", Conv.of(32, 3, 1, 1).withGroups(32), List.of(Shape.of(1, 32, 112, 112)),
                        288, 0, 3_612_672, 401_408 + 401_408 + 288, 401_408),
                // Inception-v3 1×7, 128 → 192: 192·128·7 = 172,032; 192·17·17 = 55,488 outputs × 896
                cost("1×7 conv", new Conv(192, 1, 7, 1, 1, 0, 3, 1, 1, 1, false), List.of(Shape.of(1, 128, 17, 17)),
                        172_032, 0, 49_717_248, 36_992 + 55_488 + 172_032, 55_488),
                // VGG fc6 on a flattened 512×7×7 map: 25,088·4,096 + 4,096 = 102,764,544 params, per image
                cost("fc on a feature map", new FullyConnected(4096, true), List.of(Shape.of(2, 512, 7, 7)),
                        102_764_544, 0, 2 * 102_764_544L, 50_176 + 8_192 + 102_764_544, 8_192),
                // ResNet-50 classifier: 2,048·1,000 + 1,000 = 2,049,000
                cost("fc on features", new FullyConnected(1000, true), List.of(Shape.of(2, 2048)),
                        2_049_000, 0, 4_098_000, 4_096 + 2_000 + 2_049_000, 2_000),
                cost("fc without bias", new FullyConnected(5, false), List.of(Shape.of(3, 10)),
                        50, 0, 150, 30 + 15 + 50, 15),
                // γ and β per channel: 2·64
                cost("batchnorm", new BatchNorm(), List.of(resnetStage1),
                        128, 128, 0, 401_408 + 401_408 + 128, 401_408),
                cost("relu", Activation.relu(), List.of(resnetStage1), 0, 0, 0, 802_816, 401_408),
                // 64·112·112 = 802,816 in, 64·56·56 = 200,704 out
                cost("max pool 3×3/2", Pool.max(3, 2, 1), List.of(Shape.of(1, 64, 112, 112)),
                        0, 0, 0, 802_816 + 200_704, 200_704),
                cost("add reads both inputs", new Add(), List.of(resnetStage1, resnetStage1),
                        0, 0, 0, 3 * 401_408, 401_408),
                // 64·28·28 + 32·28·28 = 50,176 + 25,088 in, 96·28·28 = 75,264 out
                cost("concat reads every input", new Concat(),
                        List.of(Shape.of(1, 64, 28, 28), Shape.of(1, 32, 28, 28)),
                        0, 0, 0, 50_176 + 25_088 + 75_264, 75_264),
                // 96·14·14 = 18,816 map elements and 96 factors
                cost("channel_mul reads the map and the factors", new ChannelMultiply(),
                        List.of(Shape.of(1, 96, 14, 14), Shape.of(1, 96, 1, 1)),
                        0, 0, 0, 18_816 + 96 + 18_816, 18_816));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opCosts")
    void layerCost(String description, Op op, List<Shape> inputs, LayerCost expected) {
        assertEquals(expected, costOf(op, inputs));
    }

    @Test
    void netInputCostsNothing() {
        NetBuilder b = new NetBuilder("input only");
        b.add("data", new Input(8, 3, 224, 224));
        Analysis analysis = CostAnalysis.analyze(b.build());
        assertEquals(LayerCost.ZERO, analysis.layer(0));
        assertEquals(LayerCost.ZERO, analysis.totals());
    }

    @Test
    void totalsSumTheLayersAndSeparateBatchNormParams() {
        NetBuilder b = new NetBuilder("tiny");
        b.add("data", new Input(1, 3, 8, 8));
        b.add("conv", Conv.of(16, 3, 1, 1), "data");   // 16·3·9 = 432 params, 1,024 outputs × 27 = 27,648
        b.add("bn", new BatchNorm(), "conv");          // 32 params
        b.add("relu", Activation.relu(), "bn");
        b.add("fc", new FullyConnected(10, true), "relu"); // 1,024·10 + 10 = 10,250 params and mult-adds
        Analysis analysis = CostAnalysis.analyze(b.build());

        LayerCost totals = analysis.totals();
        assertEquals(432 + 32 + 10_250, totals.params());
        assertEquals(432 + 10_250, totals.paramsExcludingBatchNorm());
        assertEquals(27_648 + 10_250, totals.multAdds());
        assertEquals(1_024 * 3 + 10, totals.activations());
        // conv 192 + 1,024 + 432, bn 1,024 + 1,024 + 32, relu 1,024 + 1,024, fc 1,024 + 10 + 10,250
        assertEquals(1_648 + 2_080 + 2_048 + 11_284, totals.mac());
        assertEquals(analysis.layers().stream().reduce(LayerCost.ZERO, LayerCost::plus), totals);
    }

    @Test
    void blockTotalsIncludeNestedBlocksOnly() {
        NetBuilder b = new NetBuilder("stages");
        String x = b.add("data", new Input(1, 8, 8, 8));
        try (NetBuilder.Scope stage = b.block("layer1")) {
            try (NetBuilder.Scope unit = b.block("0")) {
                x = b.add("conv", Conv.of(8, 3, 1, 1), x);        // 8·8·9 = 576 params
            }
            try (NetBuilder.Scope unit = b.block("1")) {
                x = b.add("conv", Conv.of(8, 3, 1, 1), x);        // 576 params
                x = b.add("bn", new BatchNorm(), x);              // 16 params
            }
            x = b.add("relu", Activation.relu(), x);
        }
        try (NetBuilder.Scope stage = b.block("layer10")) {
            b.add("conv", Conv.of(4, 1, 1, 0), x);                // 8·4 = 32 params
        }
        Analysis analysis = CostAnalysis.analyze(b.build());

        LayerCost stage1 = analysis.blockTotals("layer1");
        assertEquals(576 + 576 + 16, stage1.params());
        assertEquals(16, stage1.batchNormParams());
        assertEquals(4 * 512, stage1.activations()); // conv, conv, bn and relu each output 8·8·8
        assertEquals(576 + 16, analysis.blockTotals("layer1.1").params());
        assertEquals(576, analysis.blockTotals("layer1.0").params());
        assertEquals(32, analysis.blockTotals("layer10").params());
        assertEquals(LayerCost.ZERO, analysis.blockTotals("layer"));
    }
}
