package io.archexplorer.engine.io.caffe;

import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.io.ImportedModel;
import io.archexplorer.engine.io.LayerNames;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.ModelFileReading;
import io.archexplorer.engine.io.NetDocument;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.ChannelMultiply;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Opaque;
import io.archexplorer.engine.ops.TrainingHead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a Caffe net definition (deploy or train_val {@code .prototxt}, V1 {@code layers} or V2 {@code layer}) into a
 * net of engine ops.
 *
 * <p>Caffe connects layers by named blobs, and a layer may write the blob it reads (in-place ReLU, BatchNorm,
 * Scale, Dropout); here each layer becomes a node named after it, and a blob name always means its latest writer.
 * Figures are per image: the net's input is at batch 1 and the batch the file declares is reported. Of a train_val
 * file, the TEST-phase layers are used. A layer type the engine does not know becomes an {@link Opaque} node with
 * a warning, and the shapes below it are unknown. Problems that make the file unreadable are reported as
 * {@code file:line:column: what was expected}.
 */
public final class CaffeImporter {
    private static final int ASSUMED_CHANNELS = 3;
    /** Why a layer of a type the engine has no op for is opaque; such an {@link Opaque} needs no reason. */
    private static final String UNKNOWN_TYPE = "the engine does not know this type";

    /** A blob's latest writer (an engine layer) and its shape. */
    private record Blob(String layer, Shape shape) {
    }

    private final String source;
    private final NetBuilder builder;
    private final Map<String, Blob> blobs = new HashMap<>();
    private final Set<String> labelBlobs = new HashSet<>();
    private final LayerNames layerNames = new LayerNames();
    private final List<String> warnings = new ArrayList<>();
    /** Where each layer name was first defined: a second definition is refused, not silently renamed. */
    private final Map<String, PrototxtMessage.Field> definedLayers = new HashMap<>();
    private int declaredBatch = 1;
    private boolean inputDeclared;

    private CaffeImporter(String source, String netName) {
        this.source = source;
        this.builder = new NetBuilder(netName);
    }

    public static ImportedModel read(Path file) throws ModelFileException {
        String text = ModelFileReading.readText(file, "Caffe prototxt");
        String stem = file.getFileName().toString().replaceFirst("\\.prototxt$", "");
        return read(file.toString(), stem, text);
    }

    /**
     * Reads prototxt text; {@code source} names it in messages, {@code fallbackName} names the net when the file
     * has no {@code name}.
     */
    public static ImportedModel read(String source, String fallbackName, String text) throws ModelFileException {
        PrototxtMessage root = PrototxtParser.parse(source, text);
        try {
            return new CaffeImporter(source, root.text("name", fallbackName)).importNet(root);
        } catch (PrototxtMessage.BadValue e) {
            throw problem(source, e.field, e.getMessage());
        }
    }

    private ImportedModel importNet(PrototxtMessage root) throws ModelFileException {
        declaredInputs(root);
        for (PrototxtMessage.Field f : root.fields()) {
            if ((f.name().equals("layer") || f.name().equals("layers")) && f.isMessage() && inTestPhase(f.message())) {
                layer(f);
            }
        }
        if (!inputDeclared) {
            throw new ModelFileException(source + ": expected an input: 'input' with 'input_dim' or 'input_shape',"
                    + " an Input layer, or a Data layer with crop_size");
        }
        try {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("declared_batch", declaredBatch);
            return new ImportedModel(new NetDocument(builder.build(), "caffe", info), warnings, declaredBatch);
        } catch (InvalidNetException e) {
            throw new ModelFileException(source + ": " + e.getMessage());
        }
    }

    /** {@code input: "data"} with four {@code input_dim} or an {@code input_shape} per input (older deploy files). */
    private void declaredInputs(PrototxtMessage root) throws ModelFileException {
        List<PrototxtMessage.Field> inputs = root.all("input");
        List<PrototxtMessage.Field> shapes = root.all("input_shape");
        List<Integer> dims = root.integers("input_dim");
        for (int k = 0; k < inputs.size(); k++) {
            PrototxtMessage.Field input = inputs.get(k);
            List<Integer> shape = k < shapes.size() ? shapes.get(k).message().integers("dim")
                    : dims.size() >= 4 * (k + 1) ? dims.subList(4 * k, 4 * k + 4) : List.of();
            addInput(input, input.scalar(), shape);
        }
    }

    private void addInput(PrototxtMessage.Field at, String blob, List<Integer> dims) throws ModelFileException {
        if (dims.size() != 4) {
            throw problem(at, "expected a 4-dimensional (N×C×H×W) shape for input '" + blob + "', got " + dims);
        }
        declaredBatch = declaredBatch(at, dims.get(0));
        inputDeclared = true;
        add(at, blob, op(at, () -> new Input(1, dims.get(1), dims.get(2), dims.get(3))), List.of(), List.of(blob));
    }

    /** The batch a file declares, reported beside the per-image figures: a whole number ≥ 1. */
    private int declaredBatch(PrototxtMessage.Field at, int batch) throws ModelFileException {
        if (batch < 1) {
            throw problem(at, "the declared batch must be ≥ 1, got " + batch);
        }
        return batch;
    }

    /** A layer without {@code include}/{@code exclude} is in every phase; otherwise TEST decides. */
    private static boolean inTestPhase(PrototxtMessage layer) {
        for (PrototxtMessage.Field include : layer.all("include")) {
            if (include.isMessage() && include.message().has("phase")
                    && !include.message().text("phase", "").equals("TEST")) {
                return false;
            }
        }
        for (PrototxtMessage.Field exclude : layer.all("exclude")) {
            if (exclude.isMessage() && exclude.message().text("phase", "").equals("TEST")) {
                return false;
            }
        }
        return true;
    }

    private void layer(PrototxtMessage.Field at) throws ModelFileException {
        PrototxtMessage m = at.message();
        String name = m.text("name", "");
        if (name.isEmpty()) {
            throw problem(at, "expected a 'name' for this layer");
        }
        PrototxtMessage.Field first = definedLayers.putIfAbsent(name, at);
        if (first != null) {
            throw problem(at, "layer '" + name + "' is defined twice (first at line " + first.line() + ":"
                    + first.column() + ")");
        }
        String type = CaffeLayerOps.typeName(m.text("type", ""));
        if (type.isEmpty()) {
            throw problem(at, "layer '" + name + "': expected a 'type'");
        }
        List<String> bottoms = m.all("bottom").stream().map(PrototxtMessage.Field::scalar).toList();
        List<String> tops = m.all("top").stream().map(PrototxtMessage.Field::scalar).toList();
        for (String bottom : bottoms) {
            if (!blobs.containsKey(bottom) && !labelBlobs.contains(bottom)) {
                throw problem(at, "layer '" + name + "': bottom '" + bottom + "' is not the top of any layer above");
            }
        }
        boolean training = type.endsWith("Loss") || type.equals("Accuracy");
        if (bottoms.stream().anyMatch(labelBlobs::contains) && !training) {
            if (type.equals("Split")) {
                labelBlobs.addAll(tops);
            } else {
                opaque(at, name, type, bottoms, tops, "it reads the labels of the data layer");
            }
            return;
        }
        switch (type) {
            case "Input" -> inputLayer(at, name, tops);
            case "Data", "ImageData" -> dataLayer(at, name, tops);
            case "Split" -> tops.forEach(top -> blobs.put(top, blobs.get(bottoms.get(0))));
            case "Slice" -> slice(at, name, bottoms, tops);
            case "Axpy" -> axpy(at, name, bottoms, tops);
            default -> {
                List<String> evaluated = bottoms.stream().filter(b -> !labelBlobs.contains(b)).toList();
                if (training && !evaluated.isEmpty()) {
                    add(at, name, new TrainingHead(type), evaluated, tops);
                } else {
                    mapped(at, name, type, bottoms, tops);
                }
            }
        }
    }

    /** An Input layer: one shape per top (a single shape serves them all). */
    private void inputLayer(PrototxtMessage.Field at, String name, List<String> tops) throws ModelFileException {
        List<PrototxtMessage.Field> shapes = at.message().message("input_param").all("shape");
        if (shapes.isEmpty()) {
            throw problem(at, "layer '" + name + "': expected input_param { shape { dim: ... } }");
        }
        for (int k = 0; k < tops.size(); k++) {
            PrototxtMessage shape = shapes.get(Math.min(k, shapes.size() - 1)).message();
            addInput(at, tops.get(k), shape.integers("dim"));
        }
    }

    /** A layer that is one engine op, or an opaque node when the engine does not know it. */
    private void mapped(PrototxtMessage.Field at, String name, String type, List<String> bottoms, List<String> tops)
            throws ModelFileException {
        Op op;
        try {
            // Without bottoms the op is still made (add() then says how many it takes), from an unknown shape.
            op = CaffeLayerOps.of(type, at.message(), bottoms.isEmpty() ? List.of(Shape.unknown()) : shapes(bottoms));
        } catch (CaffeLayerOps.Unsupported e) {
            opaque(at, name, type, bottoms, tops, e.getMessage() + " is not supported");
            return;
        } catch (IllegalArgumentException e) {
            throw problem(at, "layer '" + name + "': " + e.getMessage());
        }
        if (op == null) {
            opaque(at, name, type, bottoms, tops, UNKNOWN_TYPE);
            return;
        }
        add(at, name, op, bottoms, tops);
    }

    private void opaque(PrototxtMessage.Field at, String name, String type, List<String> bottoms, List<String> tops,
                        String why) throws ModelFileException {
        warnings.add(location(at) + "layer '" + name + "' (" + type + "): " + why
                + "; imported as an opaque layer, shapes below it are unknown");
        List<String> known = bottoms.stream().filter(b -> !labelBlobs.contains(b)).toList();
        add(at, name, new Opaque(type, why.equals(UNKNOWN_TYPE) ? "" : why), known, tops);
    }

    /**
     * Data layers read images from a database; the crop size gives the input's height and width, the batch size is
     * reported, and the channels (which the data decides) are assumed to be 3. The second top is the labels.
     */
    private void dataLayer(PrototxtMessage.Field at, String name, List<String> tops) throws ModelFileException {
        PrototxtMessage m = at.message();
        int crop = m.message("transform_param").integer("crop_size", 0);
        if (crop == 0 || tops.isEmpty()) {
            opaque(at, name, m.text("type", ""), List.of(), tops, "a data layer without crop_size has no known size");
            return;
        }
        int batch = m.message("data_param").integer("batch_size",
                m.message("image_data_param").integer("batch_size", 1));
        warnings.add(location(at) + "data layer '" + name + "': input " + ASSUMED_CHANNELS + "×" + crop + "×" + crop
                + " (crop_size; " + ASSUMED_CHANNELS + " channels assumed, the database decides)");
        declaredBatch = declaredBatch(at, batch);
        inputDeclared = true;
        add(at, name, op(at, () -> new Input(1, ASSUMED_CHANNELS, crop, crop)), List.of(), tops.subList(0, 1));
        labelBlobs.addAll(tops.subList(1, tops.size()));
    }

    /** Slice along channels: one {@link ChannelSlice} per top, at the slice points or in equal parts. */
    private void slice(PrototxtMessage.Field at, String name, List<String> bottoms, List<String> tops)
            throws ModelFileException {
        PrototxtMessage p = at.message().message("slice_param");
        Shape in = blobs.get(bottoms.get(0)).shape();
        int axis = p.integer("axis", p.integer("slice_dim", 1));
        if (axis != 1 || !in.isKnown()) {
            opaque(at, name, "Slice", bottoms, tops, axis != 1 ? "slicing along axis " + axis + " is not supported"
                    : "the input's channels are unknown");
            return;
        }
        List<Integer> points = new ArrayList<>(p.integers("slice_point"));
        if (points.isEmpty()) {
            for (int k = 1; k < tops.size(); k++) {
                points.add(in.c() / tops.size() * k);
            }
        }
        points.add(0, 0);
        points.add(in.c());
        if (points.size() != tops.size() + 1) {
            throw problem(at, "layer '" + name + "': " + (points.size() - 2) + " slice points for " + tops.size()
                    + " tops");
        }
        for (int k = 0; k < tops.size(); k++) {
            int from = points.get(k);
            int to = points.get(k + 1);
            add(at, tops.get(k), op(at, () -> new ChannelSlice(from, to)), bottoms, List.of(tops.get(k)));
        }
    }

    /**
     * Axpy (SENet's Caffe fork): top = a·x + y with a per-channel a (N×C×1×1), bottoms a, x, y. Two engine layers:
     * the per-channel product, then the sum under the layer's own name.
     */
    private void axpy(PrototxtMessage.Field at, String name, List<String> bottoms, List<String> tops)
            throws ModelFileException {
        if (bottoms.size() != 3 || tops.size() != 1) {
            throw problem(at, "layer '" + name + "': Axpy takes bottoms a, x, y and one top");
        }
        String product = name + "/ax";
        add(at, product, new ChannelMultiply(), List.of(bottoms.get(1), bottoms.get(0)), List.of(product));
        add(at, name, new Add(), List.of(product, bottoms.get(2)), tops);
    }

    /** Adds one engine layer reading the bottoms' latest writers; every top now names it. */
    private void add(PrototxtMessage.Field at, String name, Op op, List<String> bottoms, List<String> tops)
            throws ModelFileException {
        String unique = layerNames.unique(name);
        if (bottoms.size() < op.minInputs() || bottoms.size() > op.maxInputs()) {
            String takes = op.minInputs() == op.maxInputs() ? "" + op.minInputs()
                    : op.maxInputs() == Integer.MAX_VALUE ? op.minInputs() + " or more"
                    : op.minInputs() + " to " + op.maxInputs();
            throw problem(at, "layer '" + name + "': " + op.kind() + " takes " + takes + " bottoms, got "
                    + bottoms.size());
        }
        List<String> inputs = bottoms.stream().map(b -> blobs.get(b).layer()).toList();
        List<Shape> inputShapes = shapes(bottoms);
        Shape shape;
        try {
            shape = inputShapes.stream().allMatch(Shape::isKnown) ? op.outputShape(inputShapes) : Shape.unknown();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw problem(at, "layer '" + name + "': " + e.getMessage());
        }
        builder.add(new Layer(unique, op, inputs, ""));
        for (String top : tops) {
            blobs.put(top, new Blob(unique, shape));
        }
    }

    private List<Shape> shapes(List<String> bottoms) {
        return bottoms.stream().map(b -> blobs.get(b).shape()).toList();
    }

    /** Creates an op, reporting its complaint about a value at the layer. */
    private Op op(PrototxtMessage.Field at, Supplier<Op> create) throws ModelFileException {
        try {
            return create.get();
        } catch (IllegalArgumentException e) {
            throw problem(at, e.getMessage());
        }
    }

    private String location(PrototxtMessage.Field at) {
        return location(source, at);
    }

    private ModelFileException problem(PrototxtMessage.Field at, String message) {
        return problem(source, at, message);
    }

    private static String location(String source, PrototxtMessage.Field at) {
        return source + ":" + at.line() + ":" + at.column() + ": ";
    }

    private static ModelFileException problem(String source, PrototxtMessage.Field at, String message) {
        return new ModelFileException(location(source, at) + message);
    }
}
