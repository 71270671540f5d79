package io.archexplorer.samples.blocks;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Dropout;
import io.archexplorer.engine.ops.Flatten;
import io.archexplorer.engine.ops.FullyConnected;
import io.archexplorer.engine.ops.GlobalAvgPool;

/**
 * How most nets since ResNet end: global average pooling, flatten, dropout when its rate is above 0, and a fully
 * connected layer with bias to the classes. The layers are named {@code avgpool}, {@code flatten}, {@code dropout}
 * and {@code fc} (or {@link #fcName()}, e.g. DenseNet's {@code classifier}), as torchvision names them.
 */
public record ClassifierHead(int classes, double dropout, String fcName) {
    /** The 1000 classes of ImageNet (ILSVRC 2012), the benchmark of the papers the families follow. */
    public static final int IMAGENET_CLASSES = 1000;

    public static ClassifierHead of(int classes) {
        return new ClassifierHead(classes, 0, "fc");
    }

    public ClassifierHead withDropout(double rate) {
        return new ClassifierHead(classes, rate, fcName);
    }

    public ClassifierHead withFcName(String name) {
        return new ClassifierHead(classes, dropout, name);
    }

    /** Adds the head after the last feature map; returns the fc's name. */
    public String add(NetBuilder b, String features) {
        String x = b.add("avgpool", new GlobalAvgPool(), features);
        x = b.add("flatten", new Flatten(), x);
        if (dropout > 0) {
            x = b.add("dropout", new Dropout(dropout), x);
        }
        return b.add(fcName, new FullyConnected(classes, true), x);
    }
}
