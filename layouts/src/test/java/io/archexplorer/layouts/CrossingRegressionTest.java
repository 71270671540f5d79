package io.archexplorer.layouts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crossings on the reference nets must not regress. The recorded numbers were computed by running
 * this layout (top to bottom, default options) when the test was written; lower them when the
 * layout improves. For comparison, ELK layered gets 7,539 on the flat densenet121 (see
 * LayoutBenchmark) and 0 on the others.
 */
class CrossingRegressionTest {

    static Stream<Arguments> recorded() {
        return Stream.of(
                Arguments.of("squeezenet", (Supplier<LayoutGraph>) SyntheticNets::squeezenet, 0),
                Arguments.of("resnet50", (Supplier<LayoutGraph>) SyntheticNets::resnet50, 0),
                Arguments.of("densenet121 concat chain", (Supplier<LayoutGraph>) SyntheticNets::densenet121ConcatChain, 0),
                Arguments.of("shufflenet_v2", (Supplier<LayoutGraph>) SyntheticNets::shufflenetV2, 0),
                Arguments.of("inception module", (Supplier<LayoutGraph>) SyntheticNets::inceptionModule, 0),
                Arguments.of("dense block of 5", (Supplier<LayoutGraph>) SyntheticNets::denseBlock, 9),
                Arguments.of("densenet121 full", (Supplier<LayoutGraph>) SyntheticNets::densenet121Full, 7466),
                Arguments.of("densenet121 full, flat",
                        (Supplier<LayoutGraph>) () -> SyntheticNets.withoutCompounds(SyntheticNets.densenet121Full()), 7385),
                Arguments.of("densenet264 concat chain", (Supplier<LayoutGraph>) SyntheticNets::densenet264ConcatChain, 0),
                Arguments.of("resnet1001", (Supplier<LayoutGraph>) SyntheticNets::resnet1001, 0));
    }

    @ParameterizedTest(name = "{0} <= {2}")
    @MethodSource("recorded")
    void crossingsDoNotRegress(String name, Supplier<LayoutGraph> net, long recorded) {
        Layout layout = new LayeredLayout(LayoutOptions.defaults()).layout(net.get());
        long crossings = LayoutQuality.of(layout).crossings();
        assertTrue(crossings <= recorded, name + ": " + crossings + " crossings, recorded " + recorded);
    }
}
