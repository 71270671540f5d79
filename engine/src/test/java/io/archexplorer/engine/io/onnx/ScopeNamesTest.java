package io.archexplorer.engine.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.ops.Activation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeNamesTest {

    /** Node names as torch.onnx.export (1.13 and later) writes them for torchvision's modules. */
    @ParameterizedTest
    @CsvSource({
        "/layer1/layer1.0/conv1/Conv, layer1.0.conv1.Conv",
        "/layer1/layer1.0/Add, layer1.0.Add",
        "/layer2/layer2.0/downsample/downsample.0/Conv, layer2.0.downsample.0.Conv",
        "/features/features.1/conv/conv.0/conv.0.0/Conv, features.1.conv.0.0.Conv",
        "/se/Mul, se.Mul",
        "/Flatten, Flatten",
        "layer1.0.conv1, layer1.0.conv1",
        "conv_17, conv_17",
        "/, /"})
    void scopesBecomeDottedNames(String node, String layer) {
        assertEquals(layer, ScopeNames.dotted(node));
    }

    @Test
    void aBlockOfOneScopedLayerGivesWayToItsParent() {
        Layer conv = new Layer("layer1.0.conv1.Conv", Activation.relu(), List.of(), "layer1.0.conv1");
        Layer relu = new Layer("layer1.0.relu.Relu", Activation.relu(), List.of(), "layer1.0.relu");
        Layer add = new Layer("layer1.0.Add", Activation.relu(), List.of(), "layer1.0");
        Layer ours = new Layer("fc.only", Activation.relu(), List.of(), "fc");
        List<Layer> lifted = ScopeNames.liftSingleLayerBlocks(List.of(conv, relu, add, ours),
                Set.of(conv.name(), relu.name(), add.name()));
        assertEquals(List.of("layer1.0", "layer1.0", "layer1.0", "fc"), lifted.stream().map(Layer::block).toList(),
                "an unscoped (our own dotted) name keeps its block even alone");
    }
}
