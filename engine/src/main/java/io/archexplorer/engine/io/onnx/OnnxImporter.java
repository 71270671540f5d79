package io.archexplorer.engine.io.onnx;

import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.ModelFileReading;
import io.archexplorer.engine.io.NetDocument;
import io.archexplorer.engine.io.StoredWeights;
import io.archexplorer.engine.io.onnx.NodeView.Unsupported;
import io.archexplorer.engine.io.onnx.OnnxValue.Feature;
import io.archexplorer.engine.ops.Input;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an ONNX model ({@code .onnx}, the protobuf binary) into a net of engine ops, with the file's weights for
 * running it.
 *
 * <p>The graph's inputs that are not initializers are the net's inputs, at batch 1 (figures are per image); the batch
 * the file declares is reported, and a symbolic one (PyTorch's {@code dynamic_axes}) is noted. Nodes are read in file
 * order, which ONNX requires to be topological. Integer shape arithmetic (Shape, Gather, Unsqueeze, Concat, ...) is
 * folded to constants, so exporters' spellings of flatten, chunk and channel shuffle become the engine's layers (see
 * {@link ConstantFolding} and {@link NodeTranslator}). A node the engine has no op for becomes an opaque layer with a
 * warning, and the shapes below it are unknown; the import fails only when the file is damaged or contradicts
 * itself, with {@code file: byte N: what was expected} or {@code file: node 'name' (Op): what is wrong}.
 */
public final class OnnxImporter {
    /** The oldest opset whose operator definitions this reader follows (Clip, Slice, Split moved since). */
    private static final long OLDEST_OPSET = 9;
    /** Read when a file declares no default-domain opset; the exporter's. */
    private static final long ASSUMED_OPSET = OnnxExporter.OPSET;

    /** Names exporters give every graph (PyTorch's, over its versions); the file's name says more. */
    private static final Set<String> GENERIC_GRAPH_NAMES = Set.of("torch_jit", "torch-jit-export", "main_graph");

    private final String source;
    private final OnnxProtos.Model model;
    private final long opset;
    private final String netName;
    private final NodeTranslator translator;
    private final Map<String, OnnxValue> values = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int declaredBatch = 1;
    /** Nodes made opaque by an opaque node above them; one warning counts them. */
    private int opaqueBelow;

    private OnnxImporter(String source, OnnxProtos.Model model, String netName) {
        this.source = source;
        this.model = model;
        this.netName = netName;
        this.translator = new NodeTranslator(source, readers(model.graph()));
        if (model.opset() == 0) {
            warnings.add(source + ": the file imports no ai.onnx opset; read as opset " + ASSUMED_OPSET);
            this.opset = ASSUMED_OPSET;
        } else if (model.opset() < OLDEST_OPSET) {
            warnings.add(source + ": opset " + model.opset() + " is older than " + OLDEST_OPSET
                    + ", the oldest this reader follows; read as opset " + OLDEST_OPSET);
            this.opset = OLDEST_OPSET;
        } else {
            this.opset = model.opset();
        }
    }

    /** Reads the file, mapped into memory: weights are views of the mapping, read only when the net runs. */
    public static ImportedModel read(Path file) throws ModelFileException {
        ModelFileReading.refuseDirectory(file);
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new ModelFileException(file + ": " + size + " bytes, over protobuf's limit of 2^31 bytes"
                        + " (weights in external files are not supported)");
            }
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException e) {
            throw ModelFileReading.cannotRead(file, e);
        }
        String stem = file.getFileName().toString().replaceFirst("(?i)\\.onnx$", "");
        return read(file.toString(), stem, bytes);
    }

    /**
     * Reads a serialized ModelProto; {@code source} names it in messages, {@code fallbackName} names the net when the
     * graph has no name of its own. The buffer's bytes from 0 to its limit are the file.
     */
    public static ImportedModel read(String source, String fallbackName, ByteBuffer bytes)
            throws ModelFileException {
        OnnxProtos.Model model = OnnxProtos.model(new ProtoReader(source, bytes));
        String graphName = model.graph().name();
        String name = graphName.isEmpty() || GENERIC_GRAPH_NAMES.contains(graphName) ? fallbackName : graphName;
        return new OnnxImporter(source, model, name).importGraph();
    }

    private ImportedModel importGraph() throws ModelFileException {
        OnnxProtos.Graph graph = model.graph();
        for (OnnxTensor t : graph.initializers()) {
            values.put(t.name(), new OnnxValue.Constant(t));
        }
        inputs(graph.inputs());
        for (OnnxProtos.Node node : graph.nodes()) {
            node(node);
        }
        if (opaqueBelow > 0) {
            warnings.add(source + ": " + opaqueBelow + " more node" + (opaqueBelow == 1 ? " is" : "s are")
                    + " opaque because an input's shape is unknown below the opaque layers above");
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("declared_batch", declaredBatch);
        info.put("opset", opset);
        if (!model.producer().isEmpty()) {
            info.put("producer", model.producer());
        }
        Optional<StoredWeights> weights = Optional.of(translator.weights());
        if (translator.weightsProblem() != null) {
            warnings.add(source + ": " + translator.weightsProblem() + "; run and bench use generated weights");
            weights = Optional.empty();
        }
        NetBuilder builder = new NetBuilder(netName);
        translator.layers().forEach(builder::add);
        try {
            return new ImportedModel(new NetDocument(builder.build(), "onnx", info), warnings, declaredBatch, weights);
        } catch (InvalidNetException e) {
            throw new ModelFileException(source + ": " + e.getMessage());
        }
    }

    /** Graph inputs that are not initializers; older exporters list every initializer among the inputs too. */
    private void inputs(List<OnnxProtos.ValueInfo> inputs) throws ModelFileException {
        boolean any = false;
        for (OnnxProtos.ValueInfo input : inputs) {
            if (values.containsKey(input.name())) {
                continue;
            }
            List<Object> dims = input.dims();
            if (dims.size() != 4) {
                throw new ModelFileException(source + ": input '" + input.name() + "' has shape " + dims
                        + "; the engine's nets take N×C×H×W images");
            }
            int[] chw = new int[3];
            for (int d = 1; d < 4; d++) {
                if (!(dims.get(d) instanceof Long size) || size < 1 || size > Integer.MAX_VALUE) {
                    throw new ModelFileException(source + ": input '" + input.name() + "' has shape " + dims
                            + "; its C×H×W must be fixed positive sizes");
                }
                chw[d - 1] = (int) (long) size;
            }
            Object batch = dims.get(0);
            if (batch instanceof Long size && size >= 1 && size <= Integer.MAX_VALUE) {
                declaredBatch = (int) (long) size;
            } else {
                warnings.add(source + ": input '" + input.name() + "': batch '" + batch
                        + "' is not a fixed size; figures are per image (batch 1)");
            }
            try {
                values.put(input.name(), translator.add(input.name(), new Input(1, chw[0], chw[1], chw[2]),
                        List.of()));
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(source + ": input '" + input.name() + "': " + e.getMessage());
            }
            any = true;
        }
        if (!any) {
            throw new ModelFileException(source + ": the graph has no input (an input that is not an initializer)");
        }
    }

    private void node(OnnxProtos.Node node) throws ModelFileException {
        NodeView n = new NodeView(node, values, layerName(node), opset);
        for (String input : node.inputs()) {
            if (!input.isEmpty() && !values.containsKey(input)) {
                throw problem(n, "input '" + input + "' is not a graph input, an initializer or the output of a"
                        + " node above");
            }
        }
        List<OnnxValue> outputs;
        try {
            outputs = evaluate(n);
        } catch (Unsupported e) {
            if (e instanceof NodeView.BelowOpaque) {
                opaqueBelow++;
            } else {
                warnings.add(source + ": node '" + n.layerName() + "' (" + n.opType() + "): " + e.getMessage()
                        + "; imported as an opaque layer, shapes below it are unknown");
            }
            Feature opaque = translator.opaque(n, e.getMessage());
            outputs = node.outputs().stream().<OnnxValue>map(o -> opaque).toList();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw problem(n, e.getMessage());
        }
        for (int k = 0; k < node.outputs().size(); k++) {
            String name = node.outputs().get(k);
            if (name.isEmpty()) {
                continue;
            }
            if (values.containsKey(name)) {
                throw problem(n, "output '" + name + "' is already produced above");
            }
            values.put(name, k < outputs.size() ? outputs.get(k) : new OnnxValue.Unrepresentable(
                    "output " + k + " of node '" + n.layerName() + "' (" + n.opType() + "), which is not read"));
        }
    }

    /** The values of the node's outputs: folded constants, or what the translator makes of it. */
    private List<OnnxValue> evaluate(NodeView n) {
        OnnxProtos.Node node = n.node();
        if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
            throw new Unsupported("an operator of domain '" + node.domain() + "'");
        }
        boolean computed = false;
        List<OnnxTensor> constants = new ArrayList<>();
        for (int i = 0; i < node.inputs().size(); i++) {
            OnnxValue v = n.value(i);
            computed |= v instanceof Feature || v instanceof OnnxValue.GroupedChannels;
            constants.add(v instanceof OnnxValue.Constant c ? c.tensor() : null);
        }
        boolean shapeOfFeature = n.opType().equals("Shape") && n.value(0) instanceof Feature;
        if (!computed || shapeOfFeature) {
            OnnxTensor folded = ConstantFolding.folds(n.opType())
                    ? ConstantFolding.fold(node, constants, shapeOfFeature ? n.feature(0).shape() : null, opset)
                    : null;
            return List.of(folded != null ? new OnnxValue.Constant(folded) : new OnnxValue.Unrepresentable(
                    "computed by node '" + n.layerName() + "' (" + n.opType() + "), which the importer does not"
                            + " evaluate"));
        }
        List<OnnxValue> outputs = new ArrayList<>();
        OnnxValue first = translator.translate(n, outputs);
        return outputs.isEmpty() ? List.of(first) : outputs;
    }

    /** How many nodes and graph outputs read each tensor. */
    private static Map<String, Integer> readers(OnnxProtos.Graph graph) {
        Map<String, Integer> readers = new HashMap<>();
        graph.nodes().forEach(node -> node.inputs().forEach(input -> readers.merge(input, 1, Integer::sum)));
        graph.outputs().forEach(output -> readers.merge(output, 1, Integer::sum));
        return readers;
    }

    /** The node's name, else its first output's, else its operator and place in the file. */
    private static String layerName(OnnxProtos.Node node) {
        if (!node.name().isEmpty()) {
            return node.name();
        }
        return node.outputs().stream().filter(o -> !o.isEmpty()).findFirst()
                .orElse(node.opType() + "@" + node.offset());
    }

    private ModelFileException problem(NodeView n, String message) {
        return new ModelFileException(source + ": node '" + n.layerName() + "' (" + n.opType() + "): " + message);
    }
}
