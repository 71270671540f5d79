package io.archexplorer.samples.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.Dropout;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierHeadTest {

    /** 16 pooled features to 10 classes: 16·10 weights + 10 biases = 170 params, one mult-add each. */
    @Test
    void poolsFlattensAndClassifies() {
        TinyNet net = TinyNet.after(16, 4, (b, in) -> ClassifierHead.of(10).add(b, in));
        assertEquals(List.of("avgpool", "flatten", "fc"), net.names());
        assertEquals(Shape.of(1, 10), net.output());
        assertEquals(170, net.params());
        assertEquals(170, net.multAdds());
    }

    @Test
    void dropoutAndTheFcNameAreOptional() {
        ClassifierHead head = ClassifierHead.of(ClassifierHead.IMAGENET_CLASSES).withDropout(0.2)
                .withFcName("classifier");
        TinyNet net = TinyNet.after(16, 4, (b, in) -> head.add(b, in));
        assertEquals(List.of("avgpool", "flatten", "dropout", "classifier"), net.names());
        assertEquals(new Dropout(0.2), net.layer("dropout").op());
        assertEquals(Shape.of(1, 1000), net.output());
    }
}
