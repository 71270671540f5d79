package io.archexplorer.engine.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.ops.Activation;
import io.archexplorer.engine.ops.Add;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Concat;
import io.archexplorer.engine.ops.Conv;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;
import io.archexplorer.engine.ops.Identity;
import io.archexplorer.engine.ops.Input;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Topological order, block scopes and batch rescaling of a built net. */
class NetStructureTest {

    private static List<String> names(Net net) {
        return net.layers().stream().map(Layer::name).toList();
    }

    @Test
    void layersAddedOutOfOrderAreSortedProducersFirst() {
        NetBuilder b = new NetBuilder("shuffled");
        b.add("fc", new FullyConnected(10, true), "pool");
        b.add("relu", Activation.relu(), "conv");
        b.add("data", new Input(1, 3, 8, 8));
        b.add("pool", new GlobalAvgPool(), "relu");
        b.add("conv", Conv.of(16, 3, 1, 1), "data");
        Net net = b.build();

        assertEquals(List.of("data", "conv", "relu", "pool", "fc"), names(net));
        assertArrayEquals(new int[] {net.indexOf("pool")}, net.inputIndices(net.indexOf("fc")));
        assertEquals(Shape.of(1, 10), net.finalShape());
    }

    @Test
    void inputIndicesFollowTheInputOrderAfterSorting() {
        NetBuilder b = new NetBuilder("branches");
        b.add("cat", new Concat(), "right", "left");
        b.add("left", Conv.of(4, 1, 1, 0), "data");
        b.add("data", new Input(1, 3, 8, 8));
        b.add("right", Conv.of(6, 1, 1, 0), "data");
        Net net = b.build();

        int cat = net.indexOf("cat");
        assertArrayEquals(new int[] {net.indexOf("right"), net.indexOf("left")}, net.inputIndices(cat));
        assertEquals(List.of(Shape.of(1, 6, 8, 8), Shape.of(1, 4, 8, 8)), net.inputShapes(cat));
    }

    @Test
    void alreadySortedNetKeepsItsInsertionOrder() {
        // Several valid orders exist (the two branches could be swapped); the insertion order must win.
        List<String> insertion = List.of("data", "branch_b", "branch_a", "relu_b", "relu_a", "sum", "head");
        NetBuilder b = new NetBuilder("sorted");
        b.add("data", new Input(1, 8, 8, 8));
        b.add("branch_b", Conv.of(8, 3, 1, 1), "data");
        b.add("branch_a", Conv.of(8, 1, 1, 0), "data");
        b.add("relu_b", Activation.relu(), "branch_b");
        b.add("relu_a", Activation.relu(), "branch_a");
        b.add("sum", new Add(), "relu_a", "relu_b");
        b.add("head", new Identity(), "sum");
        Net net = b.build();

        assertEquals(insertion, names(net));
        IntStream.range(0, insertion.size()).forEach(i -> assertEquals(i, net.indexOf(insertion.get(i))));
        assertEquals(-1, net.indexOf("missing"));
    }

    @Test
    void blockScopesPrefixNamesAndSetTheBlock() {
        NetBuilder b = new NetBuilder("blocks");
        String data = b.add("data", new Input(1, 8, 8, 8));
        String sum;
        try (NetBuilder.Scope stage = b.block("layer1")) {
            try (NetBuilder.Scope unit = b.block("0")) {
                String conv = b.add("conv1", Conv.of(8, 3, 1, 1), data);
                String bn = b.add("bn1", new BatchNorm(), conv);
                sum = b.add("add", new Add(), bn, data);
            }
            assertEquals("layer1", b.currentBlock());
            sum = b.add("relu", Activation.relu(), sum);
        }
        assertEquals("", b.currentBlock());
        b.add("pool", new GlobalAvgPool(), sum);
        Net net = b.build();

        assertEquals(List.of(
                new Layer("data", new Input(1, 8, 8, 8), List.of(), ""),
                new Layer("layer1.0.conv1", Conv.of(8, 3, 1, 1), List.of("data"), "layer1.0"),
                new Layer("layer1.0.bn1", new BatchNorm(), List.of("layer1.0.conv1"), "layer1.0"),
                new Layer("layer1.0.add", new Add(), List.of("layer1.0.bn1", "data"), "layer1.0"),
                new Layer("layer1.relu", Activation.relu(), List.of("layer1.0.add"), "layer1"),
                new Layer("pool", new GlobalAvgPool(), List.of("layer1.relu"), "")), net.layers());
    }

    @Test
    void withBatchScalesEveryShapeAndKeepsTheNet() {
        NetBuilder b = new NetBuilder("small");
        b.add("data", new Input(1, 3, 32, 32));
        b.add("conv", Conv.of(16, 3, 2, 1), "data");
        b.add("pool", new GlobalAvgPool(), "conv");
        b.add("flat", new Flatten(), "pool");
        b.add("fc", new FullyConnected(10, true), "flat");
        Net net = b.build();

        Net batched = net.withBatch(4);

        assertEquals(net.name(), batched.name());
        assertEquals(names(net), names(batched));
        assertEquals(new Input(4, 3, 32, 32), batched.layer(0).op());
        assertEquals(net.layers().subList(1, net.size()), batched.layers().subList(1, batched.size()));
        assertEquals(List.of(Shape.of(4, 3, 32, 32), Shape.of(4, 16, 16, 16), Shape.of(4, 16, 1, 1),
                Shape.of(4, 16), Shape.of(4, 10)),
                IntStream.range(0, batched.size()).mapToObj(batched::outputShape).toList());
        assertEquals(Shape.of(4, 3, 32, 32), batched.inputShape());
        assertEquals(Shape.of(1, 3, 32, 32), net.inputShape());
    }
}
