package io.archexplorer.app.window;

import io.archexplorer.app.study.LayerTime;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.runtime.Profile;

/**
 * One row of the layer table: a layer, or a block's subtotal.
 *
 * @param layer the layer's index in the net; -1 for a block subtotal
 * @param name the layer's name, or the block's for a subtotal
 * @param block the enclosing block ("" at the top level)
 * @param kind the op kind, e.g. {@code conv}; empty for a subtotal
 * @param attributes the op's key attributes, e.g. {@code 3×3/2, 64, g=32}
 * @param outputShape per image, C×H×W; empty for a subtotal
 * @param time for a subtotal, the sum of the steps inside the block
 * @param batch the images per measured run, to turn mult-adds per image into the work the time was spent on
 */
public record LayerRow(int layer, String name, String block, String kind, String attributes, String outputShape,
                       LayerCost cost, LayerTime time, int batch) {

    public boolean isSubtotal() {
        return layer < 0;
    }

    /** How the diagram labels the op: kind and attributes, e.g. {@code conv 7×7/2, 64}. */
    public String op() {
        return (kind + " " + attributes).trim();
    }

    /** Achieved GFLOP/s (a mult-add is two floating-point ops); NaN without own time or mult-adds. */
    public double gflops() {
        double ms = time.ownMs();
        return ms > 0 && cost.multAdds() > 0 ? Profile.gflopsOf(cost.multAdds() * batch, ms) : Double.NaN;
    }
}
