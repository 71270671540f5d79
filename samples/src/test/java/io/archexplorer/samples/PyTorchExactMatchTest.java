package io.archexplorer.samples;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.Net;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every preset torchvision or timm also has must give exactly PyTorch's figures: totals, and the output shape, params,
 * mult-adds and MAC of every conv and fc layer in execution order.
 */
class PyTorchExactMatchTest {

    /** The catalog's presets that PyTorch's reference files have figures for. */
    static Stream<String> referencePresets() {
        return Catalog.standard().presets().stream().map(Preset::name).filter(PyTorchReference::covers);
    }

    @ParameterizedTest
    @MethodSource("referencePresets")
    void presetMatchesPyTorch(String preset) {
        Net net = Catalog.standard().resolve(preset, Map.of()).build();
        Analysis analysis = CostAnalysis.analyze(net);
        JsonNode ref = PyTorchReference.model(preset);

        List<String> ours = new ArrayList<>();
        long macConvFc = 0;
        for (int i = 0; i < net.size(); i++) {
            String kind = net.layer(i).op().kind();
            if (kind.equals("conv") || kind.equals("fc")) {
                LayerCost c = analysis.layer(i);
                ours.add(describe(net.outputShape(i).dims(), c.params(), c.multAdds(), c.mac()));
                macConvFc += c.mac();
            }
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode l : ref.get("conv_fc")) {
            int[] shape = new int[l.get("output_shape").size()];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = l.get("output_shape").get(k).asInt();
            }
            expected.add(describe(shape, l.get("params").asLong(), l.get("mult_adds").asLong(), l.get("mac").asLong()));
        }

        LayerCost totals = analysis.totals();
        long macTotal = macConvFc;
        assertAll(
                () -> assertEquals(ref.get("params").asLong(), totals.params(), "params"),
                () -> assertEquals(ref.get("params_excluding_bn").asLong(), totals.paramsExcludingBatchNorm(),
                        "params_excluding_bn"),
                () -> assertEquals(ref.get("mult_adds").asLong(), totals.multAdds(), "mult_adds"),
                () -> assertEquals(ref.get("mac_conv_linear").asLong(), macTotal, "mac over conv and fc"),
                () -> assertEquals(String.join("\n", expected), String.join("\n", ours),
                        "conv/fc layers in order: output shape, params, mult-adds, MAC"));
    }

    private static String describe(int[] shape, long params, long multAdds, long mac) {
        return Arrays.toString(shape) + " params=" + params + " mult_adds=" + multAdds + " mac=" + mac;
    }
}
