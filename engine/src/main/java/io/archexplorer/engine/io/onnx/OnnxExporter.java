package io.archexplorer.engine.io.onnx;

import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.AtomicFiles;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.weights.NetWeights;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a net with its weights as an ONNX model (IR version 8, opset 14), loadable by ONNX Runtime, Netron and
 * every framework's ONNX importer.
 *
 * <p>The graph has one float32 input named {@code input} with the net's input shape (batch included) and one output
 * named {@code output}, the last layer in topological order. Every other layer's result is a tensor named after the
 * layer and annotated with its shape; weights are initializers holding exactly the given values.
 */
public final class OnnxExporter {
    /** Opset 14 is the first with HardSwish. */
    static final int OPSET = 14;
    private static final int IR_VERSION = 8;
    private static final String PRODUCER = "architecture-explorer";
    /** Protobuf's parsers (ONNX Runtime's included) refuse messages of 2^31 bytes or more. */
    private static final long MAX_MODEL_BYTES = Integer.MAX_VALUE;
    /** Name of the model's input tensor (N×C×H×W float32). */
    public static final String INPUT = "input";
    /** Name of the model's output tensor, the last layer's result. */
    public static final String OUTPUT = "output";

    private OnnxExporter() {
    }

    /** Writes the model to {@code file} atomically: a temporary file moved into place. */
    public static void write(Net net, NetWeights weights, Path file) throws IOException {
        AtomicFiles.write(file, out -> write(net, weights, out));
    }

    /**
     * Writes the serialized ModelProto to {@code out} (buffered here; flushed, not closed).
     *
     * @param weights index-aligned with {@code net}, e.g. {@link NetWeights#generate}
     * @throws IllegalArgumentException when the net has no single input layer followed by other layers, a weight
     *     tensor does not have the size its layer needs, two tensors would get the same name, or the model would
     *     exceed protobuf's 2^31-byte limit
     */
    public static void write(Net net, NetWeights weights, OutputStream out) throws IOException {
        ProtoMessage model = OnnxMessages.model(IR_VERSION, OPSET, PRODUCER, graph(net, weights));
        if (model.serializedSize() > MAX_MODEL_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "net '%s' makes a %.2f GB ONNX model, over"
                    + " protobuf's limit of 2^31 bytes (2.15 GB); weights in external files are not supported",
                    net.name(), model.serializedSize() / 1e9));
        }
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        model.writeTo(buffered);
        buffered.flush();
    }

    private static ProtoMessage graph(Net net, NetWeights weights) {
        net.requireKnownShapes("export");
        if (weights.size() != net.size()) {
            throw new IllegalArgumentException("weights for " + weights.size() + " layers, but net '" + net.name()
                    + "' has " + net.size());
        }
        int inputLayer = singleInputLayer(net);
        int last = net.size() - 1;
        if (last == inputLayer) {
            throw new IllegalArgumentException("net '" + net.name() + "' has no layer after its input");
        }
        String[] tensors = new String[net.size()];
        for (int i = 0; i < net.size(); i++) {
            tensors[i] = i == inputLayer ? INPUT : i == last ? OUTPUT : net.layer(i).name();
        }
        OnnxGraph graph = new OnnxGraph();
        graph.declareProduced(INPUT);
        LayerTranslator translator = new LayerTranslator(graph);
        for (int i = 0; i < net.size(); i++) {
            if (i == inputLayer) {
                continue;
            }
            List<String> inputs = new ArrayList<>();
            for (int p : net.inputIndices(i)) {
                inputs.add(tensors[p]);
            }
            translator.translate(new LayerTranslator.BoundLayer(net.layer(i), inputs, net.inputShapes(i),
                    net.outputShape(i), tensors[i], weights.layer(i)));
            if (i != last) {
                graph.annotate(tensors[i], net.outputShape(i).dims());
            }
        }
        return graph.toGraphProto(net.name(),
                OnnxMessages.floatValueInfo(INPUT, net.outputShape(inputLayer).dims()),
                OnnxMessages.floatValueInfo(OUTPUT, net.finalShape().dims()));
    }

    /** ONNX graphs here have one input; a net with several input layers has no single place to feed. */
    private static int singleInputLayer(Net net) {
        int found = -1;
        for (int i = 0; i < net.size(); i++) {
            Layer l = net.layer(i);
            if (l.op() instanceof Input) {
                if (found >= 0) {
                    throw new IllegalArgumentException("net '" + net.name() + "' has two input layers, '"
                            + net.layer(found).name() + "' and '" + l.name() + "'; ONNX export supports one");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("net '" + net.name() + "' has no input layer");
        }
        return found;
    }
}
