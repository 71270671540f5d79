package io.archexplorer.engine.io.onnx;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.io.ModelFileException;
import io.archexplorer.engine.io.StoredWeights;
import io.archexplorer.engine.weights.LayerWeights;
import io.archexplorer.engine.weights.NetWeights;
import java.util.HashMap;
import java.util.Map;

/**
 * The weights of an imported ONNX net: for each layer that has weights, how to make its {@link LayerWeights} from
 * the file's tensors (views of the file's bytes, decoded here, when the net is about to run).
 */
final class FileWeights implements StoredWeights {
    /** Reads one layer's weights from the file's tensors. */
    @FunctionalInterface
    interface Recipe {
        LayerWeights read() throws ModelFileException;
    }

    private final Map<String, Recipe> recipes = new HashMap<>();

    void put(String layer, Recipe recipe) {
        recipes.put(layer, recipe);
    }

    Recipe get(String layer) {
        return recipes.get(layer);
    }

    @Override
    public NetWeights load(Net net) throws ModelFileException {
        LayerWeights[] layers = new LayerWeights[net.size()];
        for (int i = 0; i < net.size(); i++) {
            Recipe recipe = recipes.get(net.layer(i).name());
            layers[i] = recipe == null ? LayerWeights.NONE : recipe.read();
        }
        return new NetWeights(layers);
    }

    /** {@code [rows][cols]} to {@code [cols][rows]}: MatMul's and Gemm's [in][out] to fc's [out][in]. */
    static float[] transposed(float[] values, int rows, int cols) {
        float[] t = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = values[r * cols + c];
            }
        }
        return t;
    }

    /** The values multiplied by {@code factor} (Gemm's α and β); the same array when the factor is 1. */
    static float[] scaled(float[] values, float factor) {
        if (values == null || factor == 1f) {
            return values;
        }
        float[] s = new float[values.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = values[k] * factor;
        }
        return s;
    }
}
