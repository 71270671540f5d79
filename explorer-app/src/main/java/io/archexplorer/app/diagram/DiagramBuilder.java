package io.archexplorer.app.diagram;

import io.archexplorer.app.report.Numbers;
import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.analysis.OpCategory;
import io.archexplorer.engine.graph.BlockNames;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.ScalarMultiply;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.layouts.CollapsedGraph;
import io.archexplorer.layouts.CompoundCollapser;
import io.archexplorer.layouts.Direction;
import io.archexplorer.layouts.EdgeRoute;
import io.archexplorer.layouts.LayeredLayout;
import io.archexplorer.layouts.Layout;
import io.archexplorer.layouts.LayoutGraph;
import io.archexplorer.layouts.LayoutOptions;
import io.archexplorer.layouts.NodeBox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a net into a {@link Diagram}: groups layers into boxes (folding in-place layers into their producer),
 * builds the layered graph with one compound per block, collapses the chosen blocks, and lays it out.
 */
public final class DiagramBuilder {
    static final double FONT_SIZE = 11;
    static final double LINE_HEIGHT = 14;
    private static final double PADDING_X = 10;
    private static final double PADDING_Y = 7;
    private static final LayoutOptions SPACING = new LayoutOptions(Direction.TOP_TO_BOTTOM,
            24, 12, 44, 10);

    private DiagramBuilder() {
    }

    /**
     * @param previous the diagram of the previous variant, or null: boxes that still exist keep their place
     */
    public static Diagram build(String title, Analysis analysis, DiagramOptions options, Diagram previous) {
        Graph g = graph(analysis, options);
        Layout layout = new LayeredLayout(spacing(options.direction()))
                .layout(g.layoutGraph(), previous == null ? null : previous.layout());
        return assemble(title, analysis, g.boxes(), g.members(), g.labels(), layout);
    }

    /**
     * The graph a diagram lays out, before layout.
     *
     * @param boxes the layer boxes by id
     * @param members for each collapsed block's box, the layer boxes it stands for
     * @param labels the tensor shape on each edge between layer boxes, by source and target
     */
    public record Graph(LayoutGraph layoutGraph, Map<String, Diagram.Node> boxes, Map<String, List<String>> members,
                        Map<String, String> labels) {
    }

    /** Groups the layers into boxes, one compound per block, and collapses the chosen blocks. */
    public static Graph graph(Analysis analysis, DiagramOptions options) {
        Net net = analysis.net();
        int[] headOf = heads(net, options.foldInPlace());
        LayoutGraph.Builder graph = LayoutGraph.builder();
        for (String block : blocks(net)) {
            String parent = BlockNames.parent(block);
            graph.compound(block, parent.isEmpty() ? null : parent);
        }
        // Each box's layers in one pass (a box is its head layer plus the in-place layers folded into it).
        List<List<Integer>> members = new ArrayList<>(net.size());
        for (int i = 0; i < net.size(); i++) {
            members.add(headOf[i] == i ? new ArrayList<>(1) : null);
            members.get(headOf[i]).add(i);
        }
        Map<String, Diagram.Node> boxes = new LinkedHashMap<>();
        for (int i = 0; i < net.size(); i++) {
            if (headOf[i] == i) {
                Diagram.Node box = layerBox(net, members.get(i));
                boxes.put(box.id(), box);
                String block = net.layer(i).block();
                graph.node(box.id(), box.width(), box.height(), block.isEmpty() ? null : block);
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Set<String> added = new LinkedHashSet<>();
        for (int i = 0; i < net.size(); i++) {
            for (int p : net.inputIndices(i)) {
                String source = net.layer(headOf[p]).name();
                String target = net.layer(headOf[i]).name();
                if (!source.equals(target) && added.add(source + "\n" + target)) {
                    graph.edge(source, target);
                    labels.put(edgeKey(source, target), net.outputShape(p).perImage());
                }
            }
        }
        LayoutGraph expanded = graph.build();
        if (options.collapsed().isEmpty()) {
            return new Graph(expanded, boxes, Map.of(), labels);
        }
        double width = options.collapsed().stream().mapToDouble(b -> boxWidth(blockLines(analysis, b))).max()
                .orElse(0);
        CollapsedGraph collapsed = CompoundCollapser.collapse(expanded, options.collapsed(), width, boxHeight(2));
        return new Graph(collapsed.graph(), boxes, collapsed.members(), labels);
    }

    private static String edgeKey(String source, String target) {
        return source + "\n" + target;
    }

    /**
     * The spacing diagrams use, in the given direction. Left to right, the shape label runs along the edge, so
     * the gap between ranks must hold the longest one ("1024×14×14").
     */
    public static LayoutOptions spacing(Direction direction) {
        if (direction == Direction.LEFT_TO_RIGHT) {
            return new LayoutOptions(direction, SPACING.nodeSeparation(), SPACING.edgeSeparation(), 84,
                    SPACING.framePadding());
        }
        return SPACING.withDirection(direction);
    }

    private static Diagram assemble(String title, Analysis analysis, Map<String, Diagram.Node> boxes,
                                    Map<String, List<String>> members, Map<String, String> labels, Layout layout) {
        List<Diagram.Node> nodes = new ArrayList<>();
        Map<String, String> representative = new HashMap<>();
        for (NodeBox b : layout.nodes()) {
            Diagram.Node box = boxes.get(b.id());
            if (box == null) {
                List<Integer> layers = new ArrayList<>();
                for (String member : members.get(b.id())) {
                    layers.addAll(boxes.get(member).layers());
                    representative.put(member, b.id());
                }
                nodes.add(new Diagram.Node(b.id(), layers, null, blockLines(analysis, b.id()), b.x(), b.y(),
                        b.width(), b.height()));
            } else {
                nodes.add(new Diagram.Node(box.id(), box.layers(), box.category(), box.lines(), b.x(), b.y(),
                        b.width(), b.height()));
            }
        }
        // An edge leaving a collapsed block carries the tensor of the member it leaves from, not of any member.
        Map<String, String> edgeLabels = new HashMap<>();
        labels.forEach((key, label) -> {
            String[] ends = key.split("\n", 2);
            edgeLabels.putIfAbsent(edgeKey(representative.getOrDefault(ends[0], ends[0]),
                    representative.getOrDefault(ends[1], ends[1])), label);
        });
        List<Diagram.Edge> edges = new ArrayList<>();
        for (EdgeRoute r : layout.edges()) {
            edges.add(new Diagram.Edge(r.source(), r.target(), edgeLabels.getOrDefault(edgeKey(r.source(), r.target()),
                    ""), r.points()));
        }
        List<Diagram.Frame> frames = new ArrayList<>();
        for (io.archexplorer.layouts.Frame f : layout.frames()) {
            frames.add(new Diagram.Frame(f.compoundId(), f.left(), f.top(), f.right(), f.bottom()));
        }
        return new Diagram(title, nodes, edges, frames, layout);
    }

    /**
     * For each layer, the layer whose box it is drawn in: itself, or for an in-place layer (batchnorm, Caffe's
     * scale, a residual scaling, activation, dropout) that is the only reader of its producer, the producer's box.
     */
    static int[] heads(Net net, boolean fold) {
        int n = net.size();
        int[] head = new int[n];
        for (int i = 0; i < n; i++) {
            head[i] = i;
            Op op = net.layer(i).op();
            boolean inPlace = op instanceof BatchNorm || op instanceof Scale || op instanceof ScalarMultiply
                    || op instanceof Activation || op instanceof Dropout;
            if (fold && inPlace) {
                int p = net.inputIndices(i)[0];
                boolean foldable = net.readerCount(p) == 1 && !(net.layer(p).op() instanceof Input)
                        && net.layer(p).block().equals(net.layer(i).block());
                if (foldable) {
                    head[i] = head[p];
                }
            }
        }
        return head;
    }

    /** The blocks layers sit in directly (bottlenecks, fire modules, dense layers): "collapse blocks" folds these. */
    public static Set<String> innermostBlocks(Net net) {
        Set<String> blocks = new LinkedHashSet<>();
        for (Layer l : net.layers()) {
            if (!l.block().isEmpty()) {
                blocks.add(l.block());
            }
        }
        return blocks;
    }

    /** Every block and every enclosing prefix of one (layer2.0 is inside layer2), parents first. */
    public static Set<String> blocks(Net net) {
        Set<String> blocks = new LinkedHashSet<>();
        for (Layer l : net.layers()) {
            String b = l.block();
            int from = 0;
            while (!b.isEmpty()) {
                int dot = b.indexOf('.', from);
                blocks.add(dot < 0 ? b : b.substring(0, dot));
                if (dot < 0) {
                    break;
                }
                from = dot + 1;
            }
        }
        return blocks;
    }

    /** @param layers the head layer first, then the layers folded into its box */
    private static Diagram.Node layerBox(Net net, List<Integer> layers) {
        int head = layers.get(0);
        Layer layer = net.layer(head);
        List<String> folded = new ArrayList<>();
        for (int j : layers.subList(1, layers.size())) {
            Op op = net.layer(j).op();
            // A residual scaling reads best as its factor ("+ ×0.17"), the others by their kind.
            folded.add(op instanceof BatchNorm ? "bn" : op instanceof ScalarMultiply ? op.attributesSummary()
                    : op.kind());
        }
        List<String> lines = new ArrayList<>();
        String block = layer.block();
        lines.add(block.isEmpty() ? layer.name() : layer.name().substring(block.length() + 1));
        String op = (layer.op().kind() + " " + layer.op().attributesSummary()).trim();
        if (!op.equals(lines.get(0))) {
            lines.add(op);
        }
        if (!folded.isEmpty()) {
            lines.add("+ " + String.join(" + ", folded));
        }
        OpCategory category = OpCategory.of(layer.op(), net.inputShapes(head));
        return new Diagram.Node(layer.name(), layers, category, lines, 0, 0, boxWidth(lines), boxHeight(lines.size()));
    }

    private static List<String> blockLines(Analysis analysis, String block) {
        LayerCost c = analysis.blockTotals(block);
        return List.of(block, Numbers.human(c.params()) + " params · " + Numbers.human(c.multAdds()) + " mult-adds");
    }

    private static double boxWidth(List<String> lines) {
        double widest = 0;
        for (String l : lines) {
            widest = Math.max(widest, Surface.textWidth(l, FONT_SIZE));
        }
        return Math.ceil(widest + 2 * PADDING_X);
    }

    private static double boxHeight(int lines) {
        return lines * LINE_HEIGHT + 2 * PADDING_Y;
    }
}
