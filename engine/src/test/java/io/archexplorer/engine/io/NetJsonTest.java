package io.archexplorer.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.AdaptiveAvgPool;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Identity;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.ConvTranspose;
import io.archexplorer.engine.ops.Crop;
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Opaque;
import io.archexplorer.engine.ops.Reshape;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.TrainingHead;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.Softmax;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetJsonTest {

    /** A small net that uses every op kind once, so a round trip covers the whole file format. */
    private static Net everyOp() {
        NetBuilder b = new NetBuilder("every-op");
        String x = b.add("data", new Input(2, 3, 32, 32));
        x = b.add("conv", new Conv(16, 3, 5, 2, 1, 1, 2, 1, 2, 1, true), x);
        x = b.add("bn", new BatchNorm(1e-3), x);
        x = b.add("bn_without_affine", new BatchNorm(1e-5, false), x);
        x = b.add("scale", new Scale(true), x);
        String a = x;
        for (Activation.Function f : Activation.Function.values()) {
            a = b.add(f.kind(), new Activation(f), a);
        }
        x = b.add("lrn", new Lrn(5, 1e-4, 0.75, 2), a);
        String left = b.add("left", new ChannelSlice(0, 8), x);
        String right = b.add("right", new ChannelSlice(8, 16), x);
        try (var block = b.block("unit")) {
            String sum = b.add("sum", new Add(), left, right);
            String larger = b.add("larger", new Elementwise(Elementwise.Operation.MAX), sum, left);
            String product = b.add("product", new Elementwise(Elementwise.Operation.MUL), larger, right);
            String gate = b.add("gate", new GlobalAvgPool(), product);
            String scaled = b.add("scaled", new ChannelMultiply(), sum, gate);
            String residual = b.add("residual_scale", new ScalarMultiply(0.17), scaled);
            x = b.add("cat", new Concat(), residual, left);
        }
        x = b.add("shuffle", new ChannelShuffle(2), x);
        String up = b.add("up", new ConvTranspose(8, 2, 2, 2, 2, 0, 0, 1, 1, 2, true), x);
        x = b.add("crop", new Crop(2, List.of(1, 3)), up, x);
        x = b.add("max", Pool.max(3, 2, 1).withCeilMode(), x);
        x = b.add("avg", new Pool(Pool.Mode.AVG, 2, 2, 1, 1, 0, 0, false, false), x);
        x = b.add("adaptive", new AdaptiveAvgPool(2, 2), x);
        x = b.add("flat", new Flatten(), x);
        x = b.add("drop", new Dropout(0.5), x);
        x = b.add("reshape", new Reshape(List.of(0, -1)), x);
        x = b.add("fc", new FullyConnected(10, false), x);
        x = b.add("same", new Identity(), x);
        x = b.add("prob", new Softmax(), x);
        b.add("loss", new TrainingHead("SoftmaxWithLoss"), x);
        b.add("custom", new Opaque("Custom"), x);
        return b.build();
    }

    @Test
    void roundTripKeepsEveryLayerExactly() throws Exception {
        Net net = everyOp();
        Set<String> kinds = new HashSet<>();
        net.layers().forEach(l -> kinds.add(l.op().kind()));
        assertEquals(new HashSet<>(OpCodec.kinds()), kinds, "the fixture uses every op kind");

        Map<String, Object> knobs = Map.of("width", 0.5, "blocks", List.of(6, 12));
        NetDocument back = NetJson.read("mem", new StringReader(write(new NetDocument(net, "toy", knobs))));
        assertEquals(net.layers(), back.net().layers());
        assertEquals("toy", back.family());
        assertEquals(knobs, back.knobs());
        for (int i = 0; i < net.size(); i++) {
            assertEquals(net.outputShape(i), back.net().outputShape(i));
        }
    }

    @Test
    void layersMayComeInAnyOrder() throws Exception {
        String text = """
                {"format": "architecture-explorer-net", "version": 1, "name": "tiny", "layers": [
                  {"name": "relu", "op": "relu", "inputs": ["conv"]},
                  {"name": "conv", "op": "conv", "inputs": ["in"], "out_channels": 8, "kernel_h": 3, "kernel_w": 3,
                   "stride_h": 1, "stride_w": 1, "pad_h": 1, "pad_w": 1, "dilation_h": 1, "dilation_w": 1,
                   "groups": 1, "bias": true},
                  {"name": "in", "op": "input", "batch": 1, "channels": 3, "height": 8, "width": 8}
                ]}""";
        Net net = NetJson.read("tiny.json", new StringReader(text)).net();
        assertEquals(List.of("in", "conv", "relu"), net.layers().stream().map(Layer::name).toList());
    }

    /** Files written before batchnorm had {@code affine} and pooling {@code caffe_rounding} still read the same. */
    @Test
    void attributesAddedLaterTakeTheirOldMeaningWhenAbsent() throws Exception {
        String text = """
                {"format": "architecture-explorer-net", "version": 1, "name": "old", "layers": [
                  {"name": "in", "op": "input", "batch": 1, "channels": 3, "height": 8, "width": 8},
                  {"name": "bn", "op": "batchnorm", "inputs": ["in"], "eps": 1e-5},
                  {"name": "pool", "op": "max_pool", "inputs": ["bn"], "kernel_h": 2, "kernel_w": 2, "stride_h": 2,
                   "stride_w": 2, "pad_h": 0, "pad_w": 0, "ceil_mode": true, "count_include_pad": true}
                ]}""";
        Net net = NetJson.read("old.json", new StringReader(text)).net();
        assertEquals(new BatchNorm(1e-5, true), net.layer(1).op());
        assertEquals(new Pool(Pool.Mode.MAX, 2, 2, 2, 2, 0, 0, true, true, false), net.layer(2).op());
        String written = write(new NetDocument(net, "", Map.of()));
        assertFalse(written.contains("affine") || written.contains("caffe_rounding"), "defaults are not written");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // what is wrong                    | the layer text on line 3           | expected message
        "unknown op                         | {\"name\": \"a\", \"op\": \"warp\", \"inputs\": [\"in\"]} | m.json:3:5: layer 'a': unknown op 'warp'",
        "missing attribute                  | {\"name\": \"a\", \"op\": \"shuffle\", \"inputs\": [\"in\"]} | m.json:3:5: layer 'a': shuffle needs attribute 'groups'",
        "unexpected attribute               | {\"name\": \"a\", \"op\": \"relu\", \"inputs\": [\"in\"], \"alpha\": 1} | m.json:3:5: layer 'a': relu has no attribute 'alpha'",
        "mistyped attribute                 | {\"name\": \"a\", \"op\": \"shuffle\", \"inputs\": [\"in\"], \"groups\": \"two\"} | m.json:3:5: layer 'a': shuffle attribute 'groups' must be a whole number",
        "value the op rejects               | {\"name\": \"a\", \"op\": \"shuffle\", \"inputs\": [\"in\"], \"groups\": 0} | m.json:3:5: layer 'a': shuffle: groups must be ≥ 1",
        "unknown input                      | {\"name\": \"a\", \"op\": \"relu\", \"inputs\": [\"nope\"]} | m.json:3:5: layer 'a': unknown input 'nope'",
        "shape error                        | {\"name\": \"a\", \"op\": \"shuffle\", \"inputs\": [\"in\"], \"groups\": 2} | m.json:3:5: layer 'a': channels 3 not divisible by groups 2",
        "no name                            | {\"op\": \"relu\", \"inputs\": [\"in\"]} | m.json:3:5: a layer needs a text 'name'",
        "syntax error                       | {\"name\": \"a\",, } | m.json:3:18: Unexpected character",
    })
    void problemsPointAtFileLineColumn(String what, String layer, String expected) {
        String text = "{\"format\": \"architecture-explorer-net\", \"version\": 1, \"layers\": [\n"
                + "    {\"name\": \"in\", \"op\": \"input\", \"batch\": 1, \"channels\": 3, \"height\": 4, \"width\": 4},\n"
                + "    " + layer + "\n]}";
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> NetJson.read("m.json", new StringReader(text)), what);
        assertTrue(e.getMessage().startsWith(expected), what + ": " + e.getMessage());
    }

    @Test
    void aFileOfAnotherKindIsRefused() {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> NetJson.read("other.json", new StringReader("{\"layers\": []}")));
        assertTrue(e.getMessage().contains("not an Architecture Explorer model"), e.getMessage());
    }

    private static String write(NetDocument doc) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NetJson.write(doc, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
