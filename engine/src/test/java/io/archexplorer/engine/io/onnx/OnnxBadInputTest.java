package io.archexplorer.engine.io.onnx;

import static io.archexplorer.engine.io.onnx.OnnxMessages.intsAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.ModelFiles;
import io.archexplorer.engine.weights.NetWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX inputs of issue 16's probe: overflowing attributes, opaque cascades, directories. */
class OnnxBadInputTest {

    private static ImportedModel read(byte[] model) throws ModelFileException {
        return PyTorchStyleImportTest.read(model);
    }

    @Test
    void anOverflowingDilationIsRefusedAtTheConvThatHasIt() {
        OnnxFixture f = new OnnxFixture(1);
        f.input("x", 1, 3, 224, 224);
        String c = f.node("Conv", "conv1", List.of("x", f.weights("w", 8, 3, 3, 3)), intsAttribute("kernel_shape", 3, 3),
                intsAttribute("pads", 1, 1, 1, 1), intsAttribute("dilations", 2147483647, 2147483647));
        String d = f.node("Conv", "conv2", List.of("x", f.weights("w2", 8, 3, 1, 1)), intsAttribute("kernel_shape", 1, 1));
        f.node("Concat", "cat", List.of(c, d), OnnxMessages.intAttribute("axis", 1));
        String message = assertThrows(ModelFileException.class, () -> read(f.model(14, "cat"))).getMessage();
        assertTrue(message.startsWith("fixture.onnx: node 'conv1' (Conv): "), message);
    }

    /** A Conv the importer cannot map (asymmetric padding) above five Adds, which need their inputs'
     * shapes. */
    private static byte[] opaqueConvAboveFiveNodes() {
        OnnxFixture f = new OnnxFixture(2);
        f.input("x", 1, 3, 8, 8);
        String x = f.node("Conv", "conv1", List.of("x", f.weights("w", 4, 3, 3, 3)), intsAttribute("kernel_shape", 3, 3),
                intsAttribute("pads", 0, 0, 1, 1));
        for (int k = 0; k < 5; k++) {
            x = f.node("Add", "add" + k, List.of(x, x));
        }
        return f.model(14, x);
    }

    @Test
    void oneOpaqueNodeGivesOneWarningAndACountOfTheNodesBelowIt() throws ModelFileException {
        ImportedModel model = read(opaqueConvAboveFiveNodes());
        assertEquals(List.of("fixture.onnx: node 'conv1' (Conv): asymmetric padding [0, 0, 1, 1]; imported as an opaque"
                        + " layer, shapes below it are unknown",
                "fixture.onnx: 5 more nodes are opaque because an input's shape is unknown below the opaque layers"
                        + " above"), model.warnings());
    }

    @Test
    void refusingToRunAnOpaqueConvSaysWhyItIsOpaque() throws ModelFileException {
        ImportedModel model = read(opaqueConvAboveFiveNodes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetWeights.generate(model.document().net(), 1));
        assertEquals("cannot make weights for fixture: layer 'conv1' has type Conv, which was imported as an opaque"
                + " layer: asymmetric padding [0, 0, 1, 1]", e.getMessage());
    }

    @Test
    void aDirectoryNamedLikeAModelSaysSo(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("x.onnx"));
        assertEquals(folder + ": is a directory, not a model file",
                assertThrows(ModelFileException.class, () -> ModelFiles.read(folder)).getMessage());
    }
}
