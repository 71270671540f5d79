package io.archexplorer.layouts;

/**
 * Graphs shaped like the CNNs the explorer shows, generated rather than loaded so tests and the
 * benchmark need no files. Blocks (bottlenecks, dense blocks, modules) are declared as compounds.
 * Sizes of the benchmark variants match the ELK peer measurements (nodes/edges in each javadoc).
 */
public final class SyntheticNets {
    public static final double BOX_WIDTH = 120;
    public static final double BOX_HEIGHT = 40;

    private final LayoutGraph.Builder builder = LayoutGraph.builder();
    private int counter;

    private SyntheticNets() {
    }

    private String add(String op, String compound) {
        String id = op + "_" + counter++;
        builder.node(id, BOX_WIDTH, BOX_HEIGHT, compound);
        return id;
    }

    private String chain(String from, String compound, String... ops) {
        String last = from;
        for (String op : ops) {
            String next = add(op, compound);
            if (last != null) {
                builder.edge(last, next);
            }
            last = next;
        }
        return last;
    }

    /** input → n-1 ops in a row. */
    public static LayoutGraph chain(int n) {
        SyntheticNets net = new SyntheticNets();
        String last = net.add("input", null);
        for (int i = 1; i < n; i++) {
            last = net.chain(last, null, "conv");
        }
        return net.builder.build();
    }

    /**
     * ResNet with blocks as compounds "layer{s}.{b}" nested in "layer{s}": each block runs
     * {@code beforeAdd} ops, adds the block input (through a projection on a stage's first block
     * when {@code downsample}), then runs {@code afterAdd} ops.
     */
    public static LayoutGraph resnet(String[] stem, int[] blocksPerStage, String[] beforeAdd, String[] afterAdd,
                                     boolean downsample, String[] head) {
        SyntheticNets net = new SyntheticNets();
        String last = net.chain(null, null, stem);
        for (int s = 0; s < blocksPerStage.length; s++) {
            String stage = "layer" + (s + 1);
            for (int b = 0; b < blocksPerStage[s]; b++) {
                String block = stage + "." + b;
                net.builder.compound(block, stage);
                String main = net.chain(last, block, beforeAdd);
                String shortcut = last;
                if (downsample && b == 0) {
                    shortcut = net.chain(last, block, "downsample");
                }
                String sum = net.add("add", block);
                net.builder.edge(main, sum);
                net.builder.edge(shortcut, sum);
                last = net.chain(sum, block, afterAdd);
            }
        }
        net.chain(last, null, head);
        return net.builder.build();
    }

    /** 122 nodes, 137 edges: bottlenecks [3,4,6,3] with projections, BN folded. */
    public static LayoutGraph resnet50() {
        return resnet(new String[] {"input", "conv1", "relu", "maxpool"}, new int[] {3, 4, 6, 3},
                new String[] {"conv1", "relu1", "conv2", "relu2", "conv3"}, new String[] {"relu"}, true,
                new String[] {"avgpool", "fc"});
    }

    /** 3,339 nodes, 3,671 edges: 3 × 111 pre-activation bottlenecks. */
    public static LayoutGraph resnet1001() {
        return resnet(new String[] {"input", "conv1"}, new int[] {111, 111, 111},
                new String[] {"bn1", "relu1", "conv1", "bn2", "relu2", "conv2", "bn3", "relu3", "conv3"},
                new String[0], false, new String[] {"bn", "relu", "avgpool", "flatten", "fc", "softmax", "output"});
    }

    /** Four parallel branches between a split point and a concat, as a compound "mixed". */
    public static LayoutGraph inceptionModule() {
        SyntheticNets net = new SyntheticNets();
        String input = net.chain(null, null, "input", "conv");
        net.inception(input, "mixed");
        return net.builder.build();
    }

    private String inception(String input, String module) {
        String concat = add("concat", module);
        builder.edge(chain(input, module, "conv1x1"), concat);
        builder.edge(chain(input, module, "conv1x1", "conv3x3"), concat);
        builder.edge(chain(input, module, "conv1x1", "conv5x5"), concat);
        builder.edge(chain(input, module, "maxpool", "conv1x1"), concat);
        return concat;
    }

    /** 65 nodes, 72 edges: SqueezeNet 1.1 with 8 fire modules (squeeze, two expands, concat) as compounds. */
    public static LayoutGraph squeezenet() {
        SyntheticNets net = new SyntheticNets();
        String last = net.chain(null, null, "input", "conv1", "relu1", "maxpool1");
        for (int f = 2; f <= 9; f++) {
            String fire = "fire" + f;
            String squeeze = net.chain(last, fire, "squeeze1x1", "relu");
            String concat = net.add("concat", fire);
            net.builder.edge(net.chain(squeeze, fire, "expand1x1", "relu"), concat);
            net.builder.edge(net.chain(squeeze, fire, "expand3x3", "relu"), concat);
            last = concat;
            if (f == 3 || f == 5) {
                last = net.chain(last, null, "maxpool");
            }
        }
        net.chain(last, null, "conv10", "relu10", "avgpool");
        return net.builder.build();
    }

    /**
     * Caffe-style DenseNet: each dense layer runs {@code layerOps} on the running concat and
     * concatenates the result to it; blocks are compounds "denseblock{i}".
     */
    public static LayoutGraph densenetConcatChain(int[] layersPerBlock, String[] layerOps, String[] transition) {
        SyntheticNets net = new SyntheticNets();
        String last = net.chain(null, null, "input", "conv0", "norm0", "relu0", "pool0");
        for (int b = 0; b < layersPerBlock.length; b++) {
            String block = "denseblock" + (b + 1);
            for (int l = 0; l < layersPerBlock[b]; l++) {
                String out = net.chain(last, block, layerOps);
                String concat = net.add("concat", block);
                net.builder.edge(last, concat);
                net.builder.edge(out, concat);
                last = concat;
            }
            if (b + 1 < layersPerBlock.length) {
                last = net.chain(last, null, transition);
            }
        }
        net.chain(last, null, "pool", "fc");
        return net.builder.build();
    }

    /** 245 nodes, 302 edges: DenseNet-121 ([6,12,24,16]) as a concat chain. */
    public static LayoutGraph densenet121ConcatChain() {
        return densenetConcatChain(new int[] {6, 12, 24, 16}, new String[] {"conv1x1", "relu", "conv3x3"},
                new String[] {"conv", "pool"});
    }

    /** 1,071 nodes, 1,200 edges (the peer measurement had 1,220): DenseNet-264 ([6,12,64,48]) as a concat chain. */
    public static LayoutGraph densenet264ConcatChain() {
        return densenetConcatChain(new int[] {6, 12, 64, 48},
                new String[] {"bn1", "relu1", "conv1x1", "bn2", "relu2", "conv3x3", "dropout"},
                new String[] {"bn", "scale", "relu", "conv", "pool", "dropout", "identity", "transition_out"});
    }

    /**
     * DenseNet with full connectivity: in each block, every layer's input concat takes the block
     * input and the outputs of all earlier layers, and a final concat takes them all.
     */
    public static LayoutGraph densenetFull(int[] layersPerBlock, String[] layerOps, String[] transition) {
        SyntheticNets net = new SyntheticNets();
        String last = net.chain(null, null, "input", "conv0", "norm0", "relu0", "pool0");
        for (int b = 0; b < layersPerBlock.length; b++) {
            String block = "denseblock" + (b + 1);
            String[] features = new String[layersPerBlock[b] + 1];
            features[0] = last;
            for (int l = 0; l < layersPerBlock[b]; l++) {
                String concat = net.add("concat", block);
                for (int f = 0; f <= l; f++) {
                    net.builder.edge(features[f], concat);
                }
                features[l + 1] = net.chain(concat, block, layerOps);
            }
            String output = net.add("concat", block);
            for (String feature : features) {
                net.builder.edge(feature, output);
            }
            last = b + 1 < layersPerBlock.length ? net.chain(output, null, transition) : output;
        }
        net.chain(last, null, "norm5", "relu", "pool", "flatten", "fc", "softmax");
        return net.builder.build();
    }

    /** 375 nodes, 909 edges: DenseNet-121 ([6,12,24,16]) fully connected. */
    public static LayoutGraph densenet121Full() {
        return densenetFull(new int[] {6, 12, 24, 16}, new String[] {"norm1", "relu1", "conv1", "norm2", "conv2"},
                new String[] {"norm", "relu", "conv", "pool"});
    }

    /** A small dense block (for tests): 5 fully connected layers. */
    public static LayoutGraph denseBlock() {
        return densenetFull(new int[] {5}, new String[] {"conv"}, new String[0]);
    }

    /**
     * ShuffleNet V2: stride-2 units run two branches on the input, stride-1 units split the
     * channels and run {@code branch} on one half; both concatenate and shuffle the channels.
     * A stride-1 shuffle reads the tensor's size at run time (size, channels // groups, view,
     * transpose, view, as traced from PyTorch); a stride-2 one is a static reshape, transpose,
     * reshape. Units are compounds "stage{s}.{u}".
     */
    public static LayoutGraph shufflenet(int[] unitsPerStage, String[] branch) {
        SyntheticNets net = new SyntheticNets();
        String last = net.chain(null, null, "input", "conv1", "maxpool");
        for (int s = 0; s < unitsPerStage.length; s++) {
            for (int u = 0; u < unitsPerStage[s]; u++) {
                String unit = "stage" + (s + 2) + "." + u;
                String concat = net.add("concat", unit);
                if (u == 0) {
                    net.builder.edge(net.chain(last, unit, "dwconv", "bn", "conv", "relu"), concat);
                    net.builder.edge(net.chain(last, unit, branch), concat);
                    last = net.chain(concat, unit, "reshape", "transpose", "reshape");
                } else {
                    String split = net.chain(last, unit, "split");
                    net.builder.edge(split, concat);
                    net.builder.edge(net.chain(split, unit, branch), concat);
                    String size = net.chain(concat, unit, "size");
                    String view = net.chain(concat, unit, "view");
                    net.builder.edge(size, view);
                    net.builder.edge(net.chain(size, unit, "floordiv"), view);
                    last = net.chain(view, unit, "transpose", "view");
                    net.builder.edge(size, last);
                }
            }
        }
        net.chain(last, null, "conv5", "fc");
        return net.builder.build();
    }

    /** 264 nodes, 318 edges: ShuffleNet V2 stages [4,8,4] with BN and ReLU as their own nodes. */
    public static LayoutGraph shufflenetV2() {
        return shufflenet(new int[] {4, 8, 4},
                new String[] {"conv", "bn", "relu", "dwconv", "bn", "conv", "bn", "relu", "drop_path"});
    }

    /** The same nodes and edges with every compound dropped (as an engine without compounds sees them). */
    public static LayoutGraph withoutCompounds(LayoutGraph graph) {
        LayoutGraph.Builder flat = LayoutGraph.builder();
        for (int v = 0; v < graph.nodeCount(); v++) {
            flat.node(graph.nodeId(v), graph.width(v), graph.height(v));
        }
        for (int e = 0; e < graph.edgeCount(); e++) {
            flat.edge(graph.edgeSource(e), graph.edgeTarget(e));
        }
        return flat.build();
    }
}
