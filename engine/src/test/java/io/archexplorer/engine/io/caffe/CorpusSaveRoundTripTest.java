package io.archexplorer.engine.io.caffe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.NetDocument;
import io.archexplorer.engine.io.NetJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever {@code save} writes reads back to the same net (issue 16: {@code eps: 1e309} was saved as "Infinity"
 * and then refused): every Caffe corpus file, written as the project's JSON and read again, has the same layers,
 * ops (attribute for attribute, the records' equality), shapes and figures.
 */
class CorpusSaveRoundTripTest {

    static Stream<String> corpus() {
        return CaffeMutationTest.corpus().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aSavedCorpusNetReadsBackTheSame(String file) throws IOException, ModelFileException {
        String text;
        try (InputStream in = CorpusSaveRoundTripTest.class.getResourceAsStream("/caffe/" + file + ".prototxt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ImportedModel model = CaffeImporter.read(file + ".prototxt", file, text);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        NetJson.write(model.document(), saved);
        NetDocument back = NetJson.read(file + ".json", new StringReader(saved.toString(StandardCharsets.UTF_8)));
        Net a = model.document().net();
        Net b = back.net();
        assertEquals(a.layers(), b.layers());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.outputShape(i), b.outputShape(i), a.layer(i).name());
        }
        assertEquals(CostAnalysis.analyze(a).totals(), CostAnalysis.analyze(b).totals());
    }
}
