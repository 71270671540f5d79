package io.archexplorer.engine.analysis;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Input;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts params, mult-adds, MAC and activations of every layer. The conventions (also in the README):
 * <ul>
 *   <li>params: learnable elements, batchnorm γ/β included; running mean/variance are buffers and never count;
 *   <li>mult-adds: conv = output elements × (input channels / groups) × kh × kw (+ output elements with a bias);
 *       fc = in × out (+ out with a bias), per image; every other op 0;
 *   <li>MAC (ShuffleNet V2): input elements + output elements + params, for every layer except the net's input;
 *   <li>activations: output elements of every layer except the net's input.
 * </ul>
 * Shapes are already inferred when a {@link Net} is built, so an analysis is one linear pass: fast enough to
 * re-run on every tick of a slider.
 */
public final class CostAnalysis {
    private CostAnalysis() {
    }

    public static Analysis analyze(Net net) {
        int n = net.size();
        List<LayerCost> costs = new ArrayList<>(n);
        long params = 0;
        long bnParams = 0;
        long multAdds = 0;
        long mac = 0;
        long activations = 0;
        for (int i = 0; i < n; i++) {
            LayerCost c = layerCost(net, i);
            costs.add(c);
            params += c.params();
            bnParams += c.batchNormParams();
            multAdds += c.multAdds();
            mac += c.mac();
            activations += c.activations();
        }
        return new Analysis(net, costs, new LayerCost(params, bnParams, multAdds, mac, activations));
    }

    private static LayerCost layerCost(Net net, int i) {
        Op op = net.layer(i).op();
        if (op instanceof Input) {
            return LayerCost.ZERO;
        }
        List<Shape> inputs = net.inputShapes(i);
        Shape output = net.outputShape(i);
        long params = op.params(inputs);
        long inputElements = 0;
        for (Shape s : inputs) {
            inputElements += s.elements();
        }
        long outputElements = output.elements();
        return new LayerCost(params, op instanceof BatchNorm ? params : 0, op.multAdds(inputs, output),
                inputElements + outputElements + params, outputElements);
    }
}
