package io.archexplorer.engine.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, validated network: layers in a topological order (the order they were added when that order is
 * already topological), each with its inferred output shape. Build one with {@link NetBuilder}.
 *
 * <p>Layers are addressed by index for speed; {@link #inputIndices(int)} gives the producer indices of a layer.
 */
public final class Net {
    private final String name;
    private final List<Layer> layers;
    private final Shape[] shapes;
    private final int[][] inputIndices;
    private final int[] readerCounts;
    private final Map<String, Integer> indexByName;

    Net(String name, List<Layer> layers, Shape[] shapes, int[][] inputIndices, Map<String, Integer> indexByName) {
        this.name = name;
        this.layers = Collections.unmodifiableList(layers);
        this.shapes = shapes;
        this.inputIndices = inputIndices;
        this.readerCounts = new int[layers.size()];
        for (int[] in : inputIndices) {
            for (int p : in) {
                readerCounts[p]++;
            }
        }
        this.indexByName = indexByName;
    }

    public String name() {
        return name;
    }

    public int size() {
        return layers.size();
    }

    public List<Layer> layers() {
        return layers;
    }

    public Layer layer(int i) {
        return layers.get(i);
    }

    public Shape outputShape(int i) {
        return shapes[i];
    }

    /** Index of the named layer, or -1. */
    public int indexOf(String layerName) {
        Integer i = indexByName.get(layerName);
        return i == null ? -1 : i;
    }

    /** Producer indices of layer i, in input order. The returned array must not be modified. */
    public int[] inputIndices(int i) {
        return inputIndices[i];
    }

    /** How many layer inputs read layer i's output; a layer reading it twice counts twice. */
    public int readerCount(int i) {
        return readerCounts[i];
    }

    public List<Shape> inputShapes(int i) {
        int[] in = inputIndices[i];
        List<Shape> result = new ArrayList<>(in.length);
        for (int p : in) {
            result.add(shapes[p]);
        }
        return result;
    }

    /** The shape of the (first) input layer. */
    public Shape inputShape() {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).op().isInput()) {
                return shapes[i];
            }
        }
        throw new IllegalStateException("net '" + name + "' has no input layer");
    }

    /** The output shape of the last layer in topological order (the classifier of a CNN). */
    public Shape finalShape() {
        return shapes[shapes.length - 1];
    }

    /**
     * Checks that every layer has a known shape, as running or exporting the net needs.
     *
     * @param purpose what the caller wants to do, for the message ("run", "export")
     * @throws IllegalArgumentException naming the first layer the engine cannot interpret (an opaque layer) or,
     *     failing that, the first layer with an unknown shape
     */
    public void requireKnownShapes(String purpose) {
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            Optional<String> unknownType = l.op().opaqueType();
            if (unknownType.isPresent()) {
                String why = l.op().opaqueReason().isEmpty() ? "which the engine does not know"
                        : "which was imported as an opaque layer: " + l.op().opaqueReason();
                throw new IllegalArgumentException("cannot " + purpose + " " + name + ": layer '" + l.name()
                        + "' has type " + unknownType.get() + ", " + why);
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!shapes[i].isKnown()) {
                throw new IllegalArgumentException("cannot " + purpose + " " + name + ": the shape of layer '"
                        + layers.get(i).name() + "' is unknown");
            }
        }
    }

    /** The same net with every input layer at batch size n. */
    public Net withBatch(int n) {
        NetBuilder b = new NetBuilder(name);
        for (Layer l : layers) {
            b.add(new Layer(l.name(), l.op().withBatch(n), l.inputs(), l.block()));
        }
        return b.build();
    }
}
