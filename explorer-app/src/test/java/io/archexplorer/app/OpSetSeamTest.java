package io.archexplorer.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.archexplorer.app.diagram.Diagram;
import io.archexplorer.app.diagram.DiagramBuilder;
import io.archexplorer.app.diagram.DiagramOptions;
import io.archexplorer.app.diagram.NodeStyle;
import io.archexplorer.app.diagram.Rgb;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.analysis.OpCategory;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.io.OpCodec;
import io.archexplorer.engine.io.onnx.OnnxExporter;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.AdaptiveAvgPool;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.ChannelShuffle;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.ConvTranspose;
import io.archexplorer.engine.ops.Crop;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Elementwise;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Identity;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Lrn;
import io.archexplorer.engine.ops.Opaque;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.Reshape;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.Softmax;
import io.archexplorer.engine.ops.TrainingHead;
import io.archexplorer.engine.runtime.CompiledNet;
import io.archexplorer.engine.runtime.RuntimeOptions;
import io.archexplorer.engine.weights.NetWeights;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op reaches every place that gives ops a meaning: a JSON codec entry, a category, a runtime kernel (or the
 * runtime's declaration that it does not run the op), an ONNX export and a colour in diagrams. The op classes are
 * found by scanning the engine's ops package, so a new op (a shift, a pad) fails {@link #everyOpHasASample} until it
 * has a sample net in {@link #samples}, and then the other tests until each place handles it.
 */
class OpSetSeamTest {
    private static final String OPS_PACKAGE = "io.archexplorer.engine.ops";
    /** The layer of a sample net that applies the sampled op. */
    private static final String SUBJECT = "subject";
    private static final Input INPUT = new Input(1, 4, 8, 8);
    private static final RuntimeOptions ONE_THREAD = new RuntimeOptions(1, true, true);

    /** An op, and a small net in which the layer {@link #SUBJECT} applies it. */
    record Sample(Op op, Net net) {
        @Override
        public String toString() {
            return (op.kind() + " " + op.attributesSummary()).trim();
        }
    }

    /** One sample per op class at least; every value of an op's enum, since each is a kind of its own. */
    static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        NetBuilder input = new NetBuilder("input");
        input.add(SUBJECT, INPUT);
        input.add("after", new Identity(), SUBJECT);
        samples.add(new Sample(INPUT, input.build()));
        samples.add(onInput(Conv.of(8, 3, 1, 1)));
        samples.add(onInput(Conv.of(8, 1, 1, 0)));
        samples.add(onInput(new Conv(4, 3, 3, 1, 1, 1, 1, 1, 1, 4, false)));
        samples.add(onInput(new Conv(8, 3, 3, 2, 2, 1, 1, 1, 1, 2, true)));
        samples.add(onInput(new ConvTranspose(4, 2, 2, 2, 2, 0, 0, 1, 1, 1, true)));
        samples.add(onInput(new FullyConnected(10, true)));
        samples.add(onInput(new BatchNorm()));
        samples.add(onInput(new Scale(true)));
        samples.add(onInput(new ScalarMultiply(0.17)));
        samples.add(onInput(new Lrn(3, 1e-2, 0.75, 2)));
        samples.add(onInput(new Softmax()));
        for (Activation.Function f : Activation.Function.values()) {
            samples.add(onInput(new Activation(f)));
        }
        for (Pool.Mode mode : Pool.Mode.values()) {
            samples.add(onInput(new Pool(mode, 3, 3, 2, 2, 1, 1, false, true)));
        }
        samples.add(onInput(new GlobalAvgPool()));
        samples.add(onInput(new AdaptiveAvgPool(2, 3)));
        samples.add(on(new Add(), OpSetSeamTest::inputAndItsRelu));
        for (Elementwise.Operation operation : Elementwise.Operation.values()) {
            samples.add(on(new Elementwise(operation), OpSetSeamTest::inputAndItsRelu));
        }
        samples.add(on(new ChannelMultiply(), (b, x) -> List.of(x, b.add("gate", new GlobalAvgPool(), x))));
        samples.add(on(new Concat(), OpSetSeamTest::inputAndItsRelu));
        samples.add(onInput(new ChannelSlice(1, 3)));
        samples.add(onInput(new ChannelShuffle(2)));
        samples.add(on(new Crop(2, List.of(1)), (b, x) -> List.of(x, b.add("reference", Pool.max(2, 2, 0), x))));
        samples.add(onInput(new Flatten()));
        samples.add(onInput(new Reshape(List.of(0, -1))));
        samples.add(onInput(new Dropout(0.5)));
        samples.add(onInput(new Identity()));
        samples.add(onInput(new Opaque("CustomLayer")));
        samples.add(onInput(new TrainingHead("SoftmaxWithLoss")));
        return samples;
    }

    private static Sample onInput(Op op) {
        return on(op, (b, x) -> List.of(x));
    }

    private static List<String> inputAndItsRelu(NetBuilder b, String x) {
        return List.of(x, b.add("relu", Activation.relu(), x));
    }

    /** A net of the input, the layers {@code inputs} adds on it, and the subject reading what it returns. */
    private static Sample on(Op op, BiFunction<NetBuilder, String, List<String>> inputs) {
        NetBuilder b = new NetBuilder(op.kind());
        String x = b.add("input", INPUT);
        b.add(SUBJECT, op, inputs.apply(b, x).toArray(String[]::new));
        return new Sample(op, b.build());
    }

    @Test
    void everyOpHasASample() throws IOException, URISyntaxException {
        Set<String> ops = opClasses();
        assertTrue(ops.size() > 20, "the scan found the engine's ops: " + ops);
        Set<String> unsampled = new TreeSet<>(ops);
        samples().forEach(s -> unsampled.remove(s.op().getClass().getName()));
        assertEquals(Set.of(), unsampled, "op classes without a sample net in samples()");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyOpHasAJsonCodecEntry(Sample s) {
        assertTrue(OpCodec.kinds().contains(s.op().kind()), "OpCodec has no entry for " + s.op().kind());
        assertEquals(s.op(), OpCodec.create(s.op().kind(), OpCodec.attributes(s.op())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyOpHasACategory(Sample s) {
        assertNotNull(OpCategory.of(s.op(), s.net().inputShapes(s.net().indexOf(SUBJECT))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyOpRunsUnlessTheRuntimeDeclaresItNotRunnable(Sample s) {
        if (CompiledNet.isRunnable(s.op())) {
            try (CompiledNet compiled = CompiledNet.create(s.net(), 1, ONE_THREAD)) {
                float[] output = compiled.run(new float[Math.toIntExact(s.net().inputShape().elements())]);
                assertEquals(s.net().finalShape().elements(), output.length);
            }
        } else {
            assertThrows(IllegalArgumentException.class, () -> CompiledNet.create(s.net(), 1, ONE_THREAD));
        }
    }

    /** The ops the runtime does not run are no part of an inference net, so the exporter refuses them too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyRunnableOpExportsToOnnx(Sample s) {
        Executable export = () -> OnnxExporter.write(s.net(), NetWeights.generate(s.net(), 1),
                OutputStream.nullOutputStream());
        if (CompiledNet.isRunnable(s.op())) {
            assertDoesNotThrow(export);
        } else {
            assertThrows(IllegalArgumentException.class, export);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyOpHasAColourInDiagrams(Sample s) {
        Diagram d = DiagramBuilder.build(s.toString(), CostAnalysis.analyze(s.net()),
                DiagramOptions.defaults().withFoldInPlace(false), null);
        Diagram.Node box = d.nodes().stream().filter(n -> n.id().equals(SUBJECT)).findFirst().orElseThrow();
        Rgb colour = NodeStyle.CATEGORIES.color(box);
        assertNotNull(colour, "no colour for " + box.category());
        assertTrue(NodeStyle.CATEGORIES.legend(d).stream().anyMatch(e -> e.color().equals(colour)),
                "the legend explains the colour of " + box.category());
    }

    /** The engine's op classes, read from where its classes are: a directory in a module build, else its jar. */
    private static Set<String> opClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(Input.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(classes)) {
            return opClasses(classes);
        }
        try (FileSystem jar = FileSystems.newFileSystem(classes)) {
            return opClasses(jar.getPath("/"));
        }
    }

    private static Set<String> opClasses(Path root) throws IOException {
        Path ops = root.resolve(OPS_PACKAGE.replace('.', '/'));
        try (Stream<Path> files = Files.walk(ops)) {
            return files.map(f -> root.relativize(f).toString())
                    .filter(name -> name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .filter(OpSetSeamTest::isOp)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static boolean isOp(String className) {
        try {
            Class<?> c = Class.forName(className, false, OpSetSeamTest.class.getClassLoader());
            return Op.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers());
        } catch (ClassNotFoundException e) {
            throw new AssertionError("cannot load " + className, e);
        }
    }
}
