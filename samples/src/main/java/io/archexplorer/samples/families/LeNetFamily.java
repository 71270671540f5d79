package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.ChannelSlice;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LeNet-5 (LeCun, Bottou, Bengio and Haffner 1998, "Gradient-Based Learning Applied to Document Recognition",
 * Figure 2): a 32×32 grey image, C1 (6 5×5 convolutions), S2 (2×2 subsampling), C3 (16 5×5 convolutions, each
 * reading only the S2 maps of Table I), S4, C5 (120 5×5 convolutions, 1×1 output), F6 (84 units) and the output
 * layer of 10 Euclidean RBF units. Layers are named after the paper ({@code c1}, {@code s2}, ... {@code output}).
 *
 * <p>How the paper's pieces are written with the engine's ops, each counting exactly as the paper's layer:
 * <ul>
 *   <li>A trainable subsampling unit sums a 2×2 window, multiplies it by its map's coefficient and adds its map's
 *       bias: an average pool, then a {@code scale} with γ and β per map (γ = 4 × the coefficient): 2 params a map.
 *   <li>C3's partial connections: the maps with equal fan-in are one grouped convolution over the S2 maps they read,
 *       gathered in order by channel slices and a concat: maps 0–5 read 3 neighbouring S2 maps, 6–11 read 4
 *       neighbouring ones, 12–14 read 4 non-neighbouring ones and map 15 reads all six (Table I); 1,516 params.
 *   <li>The output RBF units compute ‖x − w‖² of the 84 F6 outputs against each class's 84 weights: a fully
 *       connected layer without bias has those 840 params and the same 840 mult-adds.
 *   <li>The paper squashes with A·tanh(S·a), A = 1.7159, S = 2/3: plain tanh here (the constants cost nothing).
 * </ul>
 */
public final class LeNetFamily implements Family {
    private static final int CLASSES = 10;
    private static final int KERNEL = 5;
    /** Table I: the S2 maps each C3 map reads, grouped by fan-in (each group is one grouped convolution). */
    private static final List<List<int[]>> C3_TABLE = List.of(
            List.of(new int[] {0, 1, 2}, new int[] {1, 2, 3}, new int[] {2, 3, 4}, new int[] {3, 4, 5},
                    new int[] {4, 5, 0}, new int[] {5, 0, 1}),
            List.of(new int[] {0, 1, 2, 3}, new int[] {1, 2, 3, 4}, new int[] {2, 3, 4, 5}, new int[] {3, 4, 5, 0},
                    new int[] {4, 5, 0, 1}, new int[] {5, 0, 1, 2}),
            List.of(new int[] {0, 1, 3, 4}, new int[] {1, 2, 4, 5}, new int[] {0, 2, 3, 5}),
            List.of(new int[] {0, 1, 2, 3, 4, 5}));

    @Override
    public String name() {
        return "lenet";
    }

    @Override
    public String title() {
        return "LeNet-5";
    }

    @Override
    public String reference() {
        return "LeCun et al. 1998, Gradient-Based Learning Applied to Document Recognition";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.toggle("connection_table", "", "C3 reads only the S2 maps of the paper's Table I (off: every "
                        + "C3 map reads all six)", true),
                Knob.choice("activation", "", "the squashing function after each layer (the paper's scaled tanh, or "
                        + "ReLU)", "tanh", "tanh", "relu"),
                Knob.choice("pooling", "", "S2 and S4: the paper's trainable subsampling (2×2 sum × coefficient + "
                        + "bias, then squashing), average or max pooling", "subsampling", "subsampling", "average",
                        "max"),
                Knob.integer("resolution", "", "input image side in pixels (the net sees a 1×side×side grey image; "
                        + "32 in the paper)", 32, 8, 4096));
    }

    @Override
    public List<Preset> presets() {
        return List.of(new Preset("lenet5", name(), "LeNet-5 (LeCun et al. 1998, 32×32 grey input)", Map.of()));
    }

    @Override
    public int classes(KnobValues knobs) {
        return CLASSES;
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        Activation.Function squash = knobs.choice("activation").equals("relu")
                ? Activation.Function.RELU : Activation.Function.TANH;
        String pooling = knobs.choice("pooling");
        int side = knobs.integer("resolution");

        NetBuilder b = new NetBuilder(netName);
        String x = b.add("input", new Input(1, 1, side, side));
        x = convolution(6, squash).add(b, "c1", x);
        x = subsampling(b, "s2", x, pooling, squash);
        x = knobs.toggle("connection_table") ? c3(b, x, squash) : convolution(16, squash).add(b, "c3", x);
        x = subsampling(b, "s4", x, pooling, squash);
        x = convolution(120, squash).add(b, "c5", x);
        x = b.add("flatten", new Flatten(), x);
        x = b.add("f6", new FullyConnected(84, true), x);
        x = b.add("f6_" + squash.kind(), new Activation(squash), x);
        b.add("output", new FullyConnected(classes(knobs), false), x);
        return b.build();
    }

    private static ConvBnAct convolution(int maps, Activation.Function squash) {
        return ConvBnAct.of(maps, KERNEL).withPadding(0).withoutBatchNorm().withBias(true).withActivation(squash);
    }

    private static String subsampling(NetBuilder b, String name, String in, String pooling, Activation.Function squash) {
        if (pooling.equals("max")) {
            return b.add(name, Pool.max(2, 2, 0), in);
        }
        if (pooling.equals("average")) {
            return b.add(name, Pool.avg(2, 2, 0), in);
        }
        try (var scope = b.block(name)) {
            String x = b.add("pool", Pool.avg(2, 2, 0), in);
            x = b.add("scale", new Scale(true), x);
            return b.add(squash.kind(), new Activation(squash), x);
        }
    }

    /** C3 with Table I's connections: one grouped convolution per fan-in, over its gathered S2 maps. */
    private static String c3(NetBuilder b, String s2, Activation.Function squash) {
        try (var scope = b.block("c3")) {
            Map<String, String> slices = new LinkedHashMap<>();
            List<String> groups = new ArrayList<>();
            for (List<int[]> maps : C3_TABLE) {
                int fanIn = maps.get(0).length;
                String name = "from" + fanIn + (groups.size() == 2 ? "_skip" : "");
                List<String> gathered = new ArrayList<>();
                for (int[] inputs : maps) {
                    gathered.addAll(runs(b, s2, inputs, slices));
                }
                String in = gathered.size() == 1 ? gathered.get(0)
                        : b.add(name + "_maps", new Concat(), gathered.toArray(String[]::new));
                groups.add(b.add(name, ConvBnAct.of(maps.size(), KERNEL).withPadding(0).withGroups(maps.size())
                        .withBias(true).conv(), in));
            }
            String x = b.add("concat", new Concat(), groups.toArray(String[]::new));
            return b.add(squash.kind(), new Activation(squash), x);
        }
    }

    /** The S2 maps {@code inputs} in order, as slices of consecutive maps (each slice made once, then reused). */
    private static List<String> runs(NetBuilder b, String s2, int[] inputs, Map<String, String> slices) {
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= inputs.length; i++) {
            if (i == inputs.length || inputs[i] != inputs[i - 1] + 1) {
                int from = inputs[start];
                int to = inputs[i - 1] + 1;
                if (from == 0 && to == 6) {
                    names.add(s2);
                } else {
                    String name = "maps" + from + "_" + to;
                    names.add(slices.computeIfAbsent(name, n -> b.add(n, new ChannelSlice(from, to), s2)));
                }
                start = i;
            }
        }
        return names;
    }
}
