package io.archexplorer.app.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A heat map: each box coloured by its share of a total (mult-adds, MAC or measured time), from pale yellow to
 * deep red. The ramp is scaled to the largest share, so the hottest box is always the darkest, even in a net of
 * a thousand layers where no layer holds more than a few percent.
 *
 * @param shares box id → share of the total, 0..1; boxes without a figure (not measured yet) are grey
 */
public record HeatStyle(String measure, Map<String, Double> shares) implements NodeStyle {
    private static final Rgb COLD = Rgb.hex("#fff3c4");
    private static final Rgb WARM = Rgb.hex("#f28e2b");
    private static final Rgb HOT = Rgb.hex("#a50f15");
    private static final Rgb NONE = Rgb.hex("#c5cbd3");
    private static final int LEGEND_STEPS = 5;

    public HeatStyle {
        shares = Map.copyOf(shares);
    }

    @Override
    public Rgb color(Diagram.Node node) {
        Double share = shares.get(node.id());
        return share == null ? NONE : ramp(share / maxShare());
    }

    @Override
    public List<LegendEntry> legend(Diagram d) {
        double max = maxShare();
        List<LegendEntry> rows = new ArrayList<>();
        for (int i = LEGEND_STEPS - 1; i >= 0; i--) {
            double t = i / (double) (LEGEND_STEPS - 1);
            rows.add(new LegendEntry(ramp(t), String.format(Locale.ROOT, "%.1f %% of %s", 100 * t * max, measure)));
        }
        if (shares.size() < d.nodes().size()) {
            rows.add(new LegendEntry(NONE, "no " + measure));
        }
        return rows;
    }

    private double maxShare() {
        double max = 0;
        for (double s : shares.values()) {
            max = Math.max(max, s);
        }
        return max > 0 ? max : 1;
    }

    /** Pale yellow through orange to deep red: t in 0..1. */
    static Rgb ramp(double t) {
        t = Math.max(0, Math.min(1, t));
        return t < 0.5 ? mix(COLD, WARM, t * 2) : mix(WARM, HOT, (t - 0.5) * 2);
    }

    private static Rgb mix(Rgb a, Rgb b, double t) {
        return new Rgb((int) Math.round(a.red() + (b.red() - a.red()) * t),
                (int) Math.round(a.green() + (b.green() - a.green()) * t),
                (int) Math.round(a.blue() + (b.blue() - a.blue()) * t), 1);
    }
}
