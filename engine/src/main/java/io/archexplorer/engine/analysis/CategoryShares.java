package io.archexplorer.engine.analysis;

import io.archexplorer.engine.graph.Net;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ShuffleNet V2's Figure 2 as numbers: for each kind of op, its share of the net's mult-adds, MAC and measured
 * time. The time comes per layer as a measurement gives it: a step's time at the layer it computes, so a batchnorm
 * folded into a convolution or a ReLU fused into it is timed as that convolution.
 *
 * @param timeShare NaN when not measured
 */
public record CategoryShares(OpCategory category, double multAddsShare, double macShare, double timeShare) {

    /**
     * Shares in % of each category the net has any mult-adds, MAC or time in, in {@link OpCategory} order.
     *
     * @param layerMillis each layer's measured time (e.g. {@code Profile.millisPerLayer}); null before the net is
     *     measured
     */
    public static List<CategoryShares> of(Analysis analysis, double[] layerMillis) {
        Net net = analysis.net();
        int n = OpCategory.values().length;
        double[] multAdds = new double[n];
        double[] mac = new double[n];
        double[] time = new double[n];
        OpCategory[] categoryOf = new OpCategory[net.size()];
        for (int i = 0; i < net.size(); i++) {
            categoryOf[i] = OpCategory.of(net.layer(i).op(), net.inputShapes(i));
            multAdds[categoryOf[i].ordinal()] += analysis.layer(i).multAdds();
            mac[categoryOf[i].ordinal()] += analysis.layer(i).mac();
        }
        if (layerMillis != null) {
            for (int i = 0; i < net.size(); i++) {
                time[categoryOf[i].ordinal()] += layerMillis[i];
            }
        }
        double multAddsTotal = Arrays.stream(multAdds).sum();
        double macTotal = Arrays.stream(mac).sum();
        double timeTotal = Arrays.stream(time).sum();
        List<CategoryShares> shares = new ArrayList<>();
        for (OpCategory c : OpCategory.values()) {
            int k = c.ordinal();
            if (multAdds[k] > 0 || mac[k] > 0 || time[k] > 0) {
                shares.add(new CategoryShares(c, percent(multAdds[k], multAddsTotal), percent(mac[k], macTotal),
                        layerMillis == null ? Double.NaN : percent(time[k], timeTotal)));
            }
        }
        return shares;
    }

    private static double percent(double part, double total) {
        return total > 0 ? 100 * part / total : 0;
    }
}
