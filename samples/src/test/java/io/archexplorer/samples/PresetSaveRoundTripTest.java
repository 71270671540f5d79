package io.archexplorer.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.NetDocument;
import io.archexplorer.engine.io.NetJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever {@code save} writes reads back to the same analysis, for every preset and every family at its defaults
 * (families added later included): the same layers, op attributes, shapes, figures and knobs.
 */
class PresetSaveRoundTripTest {

    static Stream<String> models() {
        Catalog catalog = Catalog.standard();
        return Stream.concat(catalog.presets().stream().map(Preset::name),
                catalog.families().stream().map(Family::name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aSavedModelReadsBackTheSame(String name) throws IOException, ModelFileException {
        ModelSpec spec = Catalog.standard().resolve(name, Map.of());
        Net net = spec.build();
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        NetJson.write(new NetDocument(net, spec.family().name(), spec.knobs().asMap()), saved);
        NetDocument back = NetJson.read(name + ".json", new StringReader(saved.toString(StandardCharsets.UTF_8)));
        assertEquals(net.layers(), back.net().layers());
        for (int i = 0; i < net.size(); i++) {
            assertEquals(net.outputShape(i), back.net().outputShape(i), net.layer(i).name());
        }
        assertEquals(CostAnalysis.analyze(net).totals(), CostAnalysis.analyze(back.net()).totals());
        // The knobs read back, as text through each knob's parser, to the same typed values.
        Map<String, String> texts = new LinkedHashMap<>();
        back.knobs().forEach((knob, value) -> texts.put(knob, spec.knobs().knob(knob).format(value)));
        assertEquals(spec.knobs(), spec.family().defaults().with(texts));
    }
}
