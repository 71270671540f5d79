package io.archexplorer.engine.analysis;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.Op;
import io.archexplorer.engine.graph.Shape;
import io.archexplorer.engine.ops.BatchNorm;
import io.archexplorer.engine.ops.Input;
import io.archexplorer.engine.ops.Scale;
import io.archexplorer.engine.ops.TrainingHead;
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
 * A layer with an unknown output shape (an imported layer the engine cannot interpret, or one below it) and a
 * training-only layer (loss, accuracy) count 0 in every figure; {@link Analysis#unknownLayers()} says how many
 * layers are unknown, so a total is never mistaken for the whole net's.
 *
 * <p>Caffe splits a batchnorm into a BatchNorm layer without γ and β and a Scale layer holding them; a Scale
 * whose input is such a BatchNorm is that batchnorm's affine part, so its params count as batchnorm params.
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
        int unknown = 0;
        for (int i = 0; i < n; i++) {
            if (!net.outputShape(i).isKnown()) {
                unknown++;
            }
            LayerCost c = layerCost(net, i);
            costs.add(c);
            params += c.params();
            bnParams += c.batchNormParams();
            multAdds += c.multAdds();
            mac += c.mac();
            activations += c.activations();
        }
        return new Analysis(net, costs, new LayerCost(params, bnParams, multAdds, mac, activations), unknown);
    }

    private static LayerCost layerCost(Net net, int i) {
        Op op = net.layer(i).op();
        if (op instanceof Input || op instanceof TrainingHead || !net.outputShape(i).isKnown()) {
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
        return new LayerCost(params, isBatchNormPart(net, i) ? params : 0, op.multAdds(inputs, output),
                inputElements + outputElements + params, outputElements);
    }

    private static boolean isBatchNormPart(Net net, int i) {
        Op op = net.layer(i).op();
        return op instanceof BatchNorm
                || op instanceof Scale && net.layer(net.inputIndices(i)[0]).op() instanceof BatchNorm bn
                        && !bn.affine();
    }
}
