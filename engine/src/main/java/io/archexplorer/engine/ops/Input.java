package io.archexplorer.engine.ops;

import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import java.util.List;

/** The net's input tensor: batch × channels × height × width. */
public record Input(int batch, int channels, int height, int width) implements Op {
    public Input {
        Windows.requirePositive("batch", batch);
        Windows.requirePositive("channels", channels);
        Windows.requirePositive("height", height);
        Windows.requirePositive("width", width);
    }

    public Shape shape() {
        return Shape.of(batch, channels, height, width);
    }

    @Override
    public Input withBatch(int n) {
        return new Input(n, channels, height, width);
    }

    @Override
    public String kind() {
        return "input";
    }

    @Override
    public boolean isInput() {
        return true;
    }

    @Override
    public String attributesSummary() {
        return channels + "×" + height + "×" + width;
    }

    @Override
    public int minInputs() {
        return 0;
    }

    @Override
    public int maxInputs() {
        return 0;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return shape();
    }
}
