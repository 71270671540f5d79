package io.archexplorer.samples.blocks;

import io.archexplorer.engine.analysis.Analysis;
import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.graph.Layer;
import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Input;
import java.util.List;

/** A block on its own after a small input, built and analysed for its test. */
record TinyNet(Net net, Analysis analysis) {

    /** Adds the block after a 1×channels×side×side input named {@code input}. */
    static TinyNet after(int channels, int side, Step block) {
        NetBuilder b = new NetBuilder("tiny");
        block.add(b, b.add("input", new Input(1, channels, side, side)));
        Net net = b.build();
        return new TinyNet(net, CostAnalysis.analyze(net));
    }

    /** The block's layer names in execution order, the input left out. */
    List<String> names() {
        return net.layers().stream().skip(1).map(Layer::name).toList();
    }

    long params() {
        return analysis.totals().params();
    }

    long multAdds() {
        return analysis.totals().multAdds();
    }

    Shape output() {
        return net.finalShape();
    }

    Layer layer(String name) {
        int i = net.indexOf(name);
        if (i < 0) {
            throw new AssertionError("no layer '" + name + "' in " + names());
        }
        return net.layer(i);
    }
}
