package io.archexplorer.app.window;

import io.archexplorer.app.study.LayerTime;
import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.BlockNames;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.Profile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The layer table's rows: every layer in net order, or a tree of blocks with subtotals. */
public final class LayerRows {
    private LayerRows() {
    }

    /** A row and the rows under it (a block's layers and nested blocks, in net order). */
    public record Node(LayerRow row, List<Node> children) {
    }

    /** One row per layer, in net order. */
    public static List<LayerRow> flat(Analysis analysis, Profile profile) {
        Net net = analysis.net();
        List<LayerTime> times = LayerTime.perLayer(net, profile);
        int batch = profile == null ? 1 : profile.batch();
        List<LayerRow> rows = new ArrayList<>(net.size());
        for (int i = 0; i < net.size(); i++) {
            Layer l = net.layer(i);
            rows.add(new LayerRow(i, l.name(), l.block(), l.op().kind(), l.op().attributesSummary(),
                    net.outputShape(i).perImage(), analysis.layer(i), times.get(i), batch));
        }
        return rows;
    }

    /**
     * The layers grouped by block: a node per block (nested as the dotted names nest, e.g. {@code layer1} holds
     * {@code layer1.0}) whose row sums everything inside it. Blocks appear where their first layer does.
     *
     * @return the top level: layers outside any block and the outermost blocks
     */
    public static List<Node> grouped(List<LayerRow> flat) {
        Map<String, BlockBuilder> blocks = new HashMap<>();
        List<Draft> top = new ArrayList<>();
        for (LayerRow row : flat) {
            childrenOf(row.block(), blocks, top).add(new LayerDraft(row));
        }
        int batch = flat.isEmpty() ? 1 : flat.get(0).batch();
        return build(top, batch);
    }

    /** The list a row of {@code block} goes in, creating the block and its parents on first sight. */
    private static List<Draft> childrenOf(String block, Map<String, BlockBuilder> blocks, List<Draft> top) {
        if (block.isEmpty()) {
            return top;
        }
        BlockBuilder b = blocks.get(block);
        if (b == null) {
            String parent = BlockNames.parent(block);
            b = new BlockBuilder(block, parent);
            childrenOf(parent, blocks, top).add(b);
            blocks.put(block, b);
        }
        return b.children;
    }

    /** An entry of the tree while rows are still arriving: a layer, or a block still collecting its children. */
    private sealed interface Draft permits LayerDraft, BlockBuilder {
    }

    private record LayerDraft(LayerRow row) implements Draft {
    }

    private static final class BlockBuilder implements Draft {
        final String name;
        final String parent;
        final List<Draft> children = new ArrayList<>();

        BlockBuilder(String name, String parent) {
            this.name = name;
            this.parent = parent;
        }
    }

    private static List<Node> build(List<Draft> drafts, int batch) {
        List<Node> nodes = new ArrayList<>(drafts.size());
        for (Draft d : drafts) {
            nodes.add(d instanceof BlockBuilder b ? subtotal(b, batch) : new Node(((LayerDraft) d).row(), List.of()));
        }
        return nodes;
    }

    private static Node subtotal(BlockBuilder b, int batch) {
        List<Node> children = build(b.children, batch);
        LayerCost cost = LayerCost.ZERO;
        double ms = 0;
        boolean measured = false;
        for (Node child : children) {
            cost = cost.plus(child.row().cost());
            ms += child.row().time().ownMs();
            measured |= child.row().time().kind() != LayerTime.Kind.NOT_MEASURED;
        }
        LayerTime time = measured ? LayerTime.ran(ms) : LayerTime.NOT_MEASURED;
        return new Node(new LayerRow(-1, b.name, b.parent, "", "", "", cost, time, batch), children);
    }
}
