package io.archexplorer.samples.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Conv;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvBnActTest {

    /**
     * 3 → 4 channels, 3×3 on 8×8: weights 4·3·3·3 = 108, batchnorm γ and β 2·4 = 8, no bias; each of the 4·8·8 = 256
     * outputs costs 3·3·3 = 27 mult-adds, 6912 in all.
     */
    @Test
    void theDefaultIsAPaddedConvolutionWithBatchNormAndRelu() {
        TinyNet net = TinyNet.after(3, 8, (b, in) -> ConvBnAct.of(4, 3).add(b, "conv", in));
        assertEquals(List.of("conv", "conv_bn", "conv_relu"), net.names());
        assertEquals(Shape.of(1, 4, 8, 8), net.output());
        assertEquals(108 + 8, net.params());
        assertEquals(6912, net.multAdds());
    }

    /** The pre-batchnorm unit: the same 108 weights plus 4 biases; one more add per output, 6912 + 256. */
    @Test
    void convReluHasABiasAndNoBatchNorm() {
        TinyNet net = TinyNet.after(3, 8, (b, in) -> ConvBnAct.convRelu(4, 3).add(b, "conv1", in));
        assertEquals(List.of("conv1", "conv1_relu"), net.names());
        assertEquals(108 + 4, net.params());
        assertEquals(6912 + 256, net.multAdds());
    }

    /** Stride 2 halves the side: 4·4·4 = 64 outputs of 27 mult-adds each. */
    @Test
    void strideHalvesTheSide() {
        TinyNet net = TinyNet.after(3, 8, (b, in) -> ConvBnAct.of(4, 3).withStride(2).add(b, "conv", in));
        assertEquals(Shape.of(1, 4, 4, 4), net.output());
        assertEquals(64 * 27, net.multAdds());
    }

    /** Unpadded, a 3×3 window fits 6 times across 8 pixels. */
    @Test
    void paddingCanBeSet() {
        TinyNet net = TinyNet.after(3, 8, (b, in) -> ConvBnAct.of(4, 3).withPadding(0).add(b, "conv", in));
        assertEquals(Shape.of(1, 4, 6, 6), net.output());
    }

    /** One 3×3 filter per channel of 4: weights 4·9 = 36 (+ 8 batchnorm), 4·8·8 outputs of 9 mult-adds = 2304. */
    @Test
    void depthwiseHasOneFilterPerChannel() {
        TinyNet net = TinyNet.after(4, 8, (b, in) -> ConvBnAct.depthwise(4, 3).add(b, "dw", in));
        assertEquals(4, ((Conv) net.layer("dw").op()).groups());
        assertEquals(36 + 8, net.params());
        assertEquals(2304, net.multAdds());
    }

    /** Dilation 2 spreads a 3×3 kernel over 5×5: padded by 2 the side stays 8, at the 3×3 kernel's cost. */
    @Test
    void dilationIsPaddedToKeepTheSide() {
        TinyNet net = TinyNet.after(3, 8, (b, in) -> ConvBnAct.dilated(4, 3, 2).add(b, "conv", in));
        // 4 filters of 3×3, stride 1, padding 2, dilation 2, one group, no bias
        assertEquals(new Conv(4, 3, 3, 1, 1, 2, 2, 2, 2, 1, false), net.layer("conv").op());
        assertEquals(Shape.of(1, 4, 8, 8), net.output());
        assertEquals(6912, net.multAdds());
    }

    /** Inception's 1×7: padded 0 rows and 3 columns; weights 4·3·1·7 = 84, 256 outputs of 21 mult-adds = 5376. */
    @Test
    void anAsymmetricKernelIsPaddedPerAxis() {
        TinyNet net = TinyNet.after(3, 8, (b, in) -> ConvBnAct.of(4, 1, 7).add(b, "conv", in));
        // 4 filters of 1×7, stride 1, padding 0 × 3, no dilation, one group, no bias
        assertEquals(new Conv(4, 1, 7, 1, 1, 0, 3, 1, 1, 1, false), net.layer("conv").op());
        assertEquals(84 + 8, net.params());
        assertEquals(5376, net.multAdds());
    }

    @Test
    void theActivationAndBatchNormNameTheirLayers() {
        ConvBnAct unit = ConvBnAct.of(4, 3).withBatchNormEps(0.001).withActivation(Activation.Function.RELU6);
        TinyNet net = TinyNet.after(3, 8, (b, in) -> unit.add(b, "stem", in));
        assertEquals(List.of("stem", "stem_bn", "stem_relu6"), net.names());
        assertEquals(new BatchNorm(0.001), net.layer("stem_bn").op());

        TinyNet linear = TinyNet.after(3, 8, (b, in) -> ConvBnAct.of(4, 3).withoutActivation().add(b, "conv", in));
        assertEquals(List.of("conv", "conv_bn"), linear.names());

        TinyNet bare = TinyNet.after(3, 8,
                (b, in) -> ConvBnAct.of(4, 3).withoutBatchNorm().withoutActivation().add(b, "conv", in));
        assertEquals(List.of("conv"), bare.names());
        assertEquals(108, bare.params(), "no bias unless asked for");
    }
}
