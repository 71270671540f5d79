package io.archexplorer.samples.families;

import static io.archexplorer.samples.families.CompactNets.build;
import static io.archexplorer.samples.families.CompactNets.count;
import static io.archexplorer.samples.families.CompactNets.totals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.engine.graph.Net;
import org.junit.jupiter.api.Test;

/** MnasNet against torchvision; mnasnet1_0 itself is matched layer by layer in {@code PyTorchExactMatchTest}. */
class MnasNetFamilyTest {

    /**
     * torchvision's model documentation, {@code MNASNet0_5_Weights.IMAGENET1K_V1}: num_params 2,218,512 and GFLOPS
     * 0.1 (to its two decimals).
     */
    @Test
    void halfWidthMatchesTorchvisionsDocumentation() {
        assertEquals(2218512, totals("mnasnet0_5").params());
        assertEquals(0.10, totals("mnasnet0_5").multAdds() / 1e9, 0.005);
    }

    /** torchvision's layers.8 … layers.13: six stacks of 3, 3, 3, 2, 4, 1 inverted residuals; 10 of them add. */
    @Test
    void stacksAreNamedAsTorchvisionsLayers() {
        Net net = build("mnasnet1_0");
        assertTrue(net.indexOf("layers.8.0.project") >= 0);
        assertTrue(net.indexOf("layers.12.3.project") >= 0);
        assertTrue(net.indexOf("layers.13.0.project") >= 0);
        assertEquals(10, count(net, "add"));
        assertEquals(1280, net.outputShape(net.indexOf("layers.14.conv")).dims()[1]);
        CompactNets.assertLayersInBlocksBetween(net, "input", "avgpool");
    }

    @Test
    void impossibleWidthNamesTheKnob() {
        CompactNets.assertKnobRejected("mnasnet", "width", "0");
    }
}
