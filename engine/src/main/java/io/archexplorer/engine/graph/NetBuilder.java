package io.archexplorer.engine.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Collects layers and builds a validated {@link Net}.
 *
 * <p>Inside {@link #block(String)} scopes, layer names are prefixed with the block path and layers remember their
 * block, so {@code try (var s = b.block("layer1.0")) { b.add("conv1", ...); }} adds {@code layer1.0.conv1} in block
 * {@code layer1.0}. Layers may be added in any order (a model file need not be sorted); {@link #build()} sorts them
 * topologically, keeping the order of addition where it is already valid.
 */
public final class NetBuilder {
    private final String name;
    private final List<Layer> layers = new ArrayList<>();
    private final Deque<String> blocks = new ArrayDeque<>();

    public NetBuilder(String name) {
        this.name = name;
    }

    /** Opens a nested block; close it (try-with-resources) to leave it. */
    public Scope block(String blockName) {
        blocks.push(qualify(blockName));
        return blocks::pop;
    }

    /** The full path of the current block, empty at top level. */
    public String currentBlock() {
        return blocks.isEmpty() ? "" : blocks.peek();
    }

    /** Adds a layer named {@code localName} inside the current block; returns its full name for use as an input. */
    public String add(String localName, Op op, String... inputs) {
        String full = qualify(localName);
        layers.add(new Layer(full, op, List.of(inputs), currentBlock()));
        return full;
    }

    /** Adds a fully described layer as is (the importers' path). */
    public NetBuilder add(Layer layer) {
        layers.add(layer);
        return this;
    }

    private String qualify(String localName) {
        String block = currentBlock();
        return block.isEmpty() ? localName : block + "." + localName;
    }

    /**
     * Validates and freezes the net.
     *
     * @throws InvalidNetException naming the first layer that is wrong and why
     */
    public Net build() {
        if (layers.isEmpty()) {
            throw new InvalidNetException(name, "the net has no layers");
        }
        Map<String, Integer> added = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (added.putIfAbsent(l.name(), i) != null) {
                throw new InvalidNetException(l.name(), "the name is used by another layer");
            }
        }
        int[][] producers = resolveInputs(added);
        int[] order = topologicalOrder(producers);

        int n = order.length;
        int[] position = new int[n];
        for (int k = 0; k < n; k++) {
            position[order[k]] = k;
        }
        List<Layer> sorted = new ArrayList<>(n);
        int[][] inputIndices = new int[n][];
        Map<String, Integer> indexByName = new HashMap<>(n * 2);
        for (int k = 0; k < n; k++) {
            Layer l = layers.get(order[k]);
            sorted.add(l);
            indexByName.put(l.name(), k);
            int[] in = producers[order[k]];
            int[] mapped = new int[in.length];
            for (int j = 0; j < in.length; j++) {
                mapped[j] = position[in[j]];
            }
            inputIndices[k] = mapped;
        }
        Shape[] shapes = inferShapes(sorted, inputIndices);
        return new Net(name, sorted, shapes, inputIndices, indexByName);
    }

    private int[][] resolveInputs(Map<String, Integer> added) {
        int[][] producers = new int[layers.size()][];
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            int count = l.inputs().size();
            if (count < l.op().minInputs() || count > l.op().maxInputs()) {
                throw new InvalidNetException(l.name(), l.op().kind() + " takes " + arity(l.op()) + ", got " + count);
            }
            producers[i] = new int[count];
            for (int j = 0; j < count; j++) {
                String input = l.inputs().get(j);
                Integer p = added.get(input);
                if (p == null) {
                    throw new InvalidNetException(l.name(), "unknown input '" + input + "'");
                }
                producers[i][j] = p;
            }
        }
        return producers;
    }

    private static String arity(Op op) {
        if (op.minInputs() == op.maxInputs()) {
            return op.minInputs() == 1 ? "1 input" : op.minInputs() + " inputs";
        }
        return op.maxInputs() == Integer.MAX_VALUE ? "at least " + op.minInputs() + " inputs"
                : op.minInputs() + " to " + op.maxInputs() + " inputs";
    }

    /** Kahn's algorithm, always taking the earliest-added ready layer so a sorted net keeps its order. */
    private int[] topologicalOrder(int[][] producers) {
        int n = producers.length;
        int[] pending = new int[n];
        List<List<Integer>> consumers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            consumers.add(new ArrayList<>(2));
        }
        for (int i = 0; i < n; i++) {
            pending[i] = producers[i].length;
            for (int p : producers[i]) {
                consumers.get(p).add(i);
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int count = 0;
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order[count++] = i;
            for (int c : consumers.get(i)) {
                if (--pending[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (count < n) {
            throw cycleError(producers, pending);
        }
        return order;
    }

    /** Walks producers among the unsorted layers until one repeats: that walk is a cycle to show the user. */
    /** Layers of a cycle a message lists in full; a longer one shows its first three and last two. */
    private static final int MAX_CYCLE_SHOWN = 8;

    private InvalidNetException cycleError(int[][] producers, int[] pending) {
        int start = 0;
        while (pending[start] == 0) {
            start++;
        }
        int[] seenAt = new int[producers.length];
        Arrays.fill(seenAt, -1);
        List<Integer> walk = new ArrayList<>();
        int current = start;
        while (seenAt[current] < 0) {
            seenAt[current] = walk.size();
            walk.add(current);
            for (int p : producers[current]) {
                if (pending[p] > 0) {
                    current = p;
                    break;
                }
            }
        }
        List<Integer> cycle = walk.subList(seenAt[current], walk.size());
        // The walk went from consumers to producers; print it in data-flow order, closing the loop. A long loop
        // (an input renamed to a layer far below) shows its ends, so the message stays one readable line.
        List<String> names = new ArrayList<>();
        names.add(layers.get(current).name());
        for (int k = cycle.size() - 1; k >= 0; k--) {
            names.add(layers.get(cycle.get(k)).name());
        }
        String path = names.size() <= MAX_CYCLE_SHOWN ? String.join(" → ", names)
                : String.join(" → ", names.subList(0, 3)) + " → … (" + (names.size() - 5) + " more) → "
                        + String.join(" → ", names.subList(names.size() - 2, names.size()));
        return new InvalidNetException(layers.get(current).name(), "is part of a cycle: " + path);
    }

    private static Shape[] inferShapes(List<Layer> sorted, int[][] inputIndices) {
        Shape[] shapes = new Shape[sorted.size()];
        CostTotals totals = new CostTotals();
        List<Shape> in = new ArrayList<>();
        for (int k = 0; k < shapes.length; k++) {
            in.clear();
            for (int p : inputIndices[k]) {
                in.add(shapes[p]);
            }
            Layer l = sorted.get(k);
            // Below an unknown shape nothing can be inferred; the layer is still part of the net, to be drawn.
            if (in.stream().anyMatch(s -> !s.isKnown())) {
                shapes[k] = Shape.unknown();
                continue;
            }
            try {
                shapes[k] = l.op().outputShape(in);
                totals.add(l.op(), in, shapes[k]);
            } catch (IllegalArgumentException e) {
                throw new InvalidNetException(l.name(), e.getMessage());
            } catch (ArithmeticException e) {
                throw new InvalidNetException(l.name(), "its sizes or costs overflow 64-bit integers");
            }
        }
        return shapes;
    }

    /**
     * The net's figures summed exactly as they are built, so no later analysis can overflow silently: every count
     * (params, mult-adds, the elements a layer reads and writes) of every layer and their totals fit in a long.
     */
    private static final class CostTotals {
        private long params;
        private long multAdds;
        private long elements;

        void add(Op op, List<Shape> inputs, Shape output) {
            long p = op.params(inputs);
            params = Math.addExact(params, p);
            multAdds = Math.addExact(multAdds, op.multAdds(inputs, output));
            for (Shape s : inputs) {
                elements = Math.addExact(elements, s.elements());
            }
            elements = Math.addExact(Math.addExact(elements, output.elements()), p);
        }
    }

    /** A block scope; closing it returns to the enclosing block. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
