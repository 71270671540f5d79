package io.archexplorer.engine.io.onnx;

import io.archexplorer.engine.graph.BlockNames;
import io.archexplorer.engine.graph.Layer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PyTorch's exporter names a node by the scopes of the modules around it, then the op: {@code /layer1/layer1.0/
 * conv1/Conv}, {@code /se/Mul}, {@code /Flatten}. Written with dots ({@code layer1.0.conv1.Conv}) such a name gives
 * the layer its blocks as our own dotted names do, so a PyTorch file's bottlenecks, SE modules and Sequential
 * stages collapse in drawings and get subtotals in tables. A scope repeating its parent's ({@code layer1.0} under
 * {@code layer1}, {@code downsample.0} under {@code downsample}) stands for both. The scope of a single module ({@code conv1}, {@code stem.0}) is not a
 * block of its own: a block holding one layer gives way to its parent.
 */
final class ScopeNames {
    private ScopeNames() {
    }

    /** The dotted name of a scoped node name; other names are returned as they are. */
    static String dotted(String nodeName) {
        if (!nodeName.startsWith("/") || nodeName.length() == 1) {
            return nodeName;
        }
        String[] parts = nodeName.substring(1).split("/", -1);
        List<String> path = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            String scope = parts[i];
            if (scope.isEmpty()) {
                continue;
            }
            // A child of a Sequential repeats its parent's scope: layer1 → layer1.0, downsample → downsample.0.
            if (!path.isEmpty() && scope.startsWith(path.get(path.size() - 1) + ".")) {
                path.set(path.size() - 1, scope);
            } else {
                path.add(scope);
            }
        }
        path.add(parts[parts.length - 1]);
        return String.join(".", path);
    }

    /** The layers with the blocks of scoped names ({@code scoped}) that hold a single layer lifted to their parent. */
    static List<Layer> liftSingleLayerBlocks(List<Layer> layers, Set<String> scoped) {
        Map<String, Integer> sizes = new HashMap<>();
        for (Layer l : layers) {
            for (String b = l.block(); !b.isEmpty(); b = BlockNames.parent(b)) {
                sizes.merge(b, 1, Integer::sum);
            }
        }
        List<Layer> result = new ArrayList<>(layers.size());
        for (Layer l : layers) {
            String block = l.block();
            if (scoped.contains(l.name())) {
                while (!block.isEmpty() && sizes.get(block) == 1) {
                    block = BlockNames.parent(block);
                }
            }
            result.add(block.equals(l.block()) ? l : new Layer(l.name(), l.op(), l.inputs(), block));
        }
        return result;
    }
}
