package io.archexplorer.app.study;

import io.archexplorer.engine.analysis.CostAnalysis;
import io.archexplorer.engine.analysis.LayerCost;
import io.archexplorer.engine.graph.InvalidNetException;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobException;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Holding complexity fixed while one knob moves, the way the papers compare designs: for each value of the swept
 * knob, the family's designated compensating knob is solved so that the net keeps the base variant's mult-adds (or
 * params). ResNeXt sweeps the cardinality C and solves the bottleneck width d (Xie et al. 2017, Table 2), or the
 * other way round; MobileNet trades the width α against the resolution ρ (Howard et al. 2017, Tables 6–7); DenseNet
 * the growth rate k against the depth (the layers of every dense block scaled together). ShuffleNet V1's Table 1
 * already gives each g the widths that keep its complexity, so its groups sweep solves nothing and reports how close
 * the table lands.
 *
 * <p>The solution is the smallest compensating value whose complexity reaches the base's (no variant is cheaper than
 * the one it is compared with): from ResNet-50 (1×64d) this gives exactly Table 2's templates 2×40d, 4×24d, 8×14d and
 * 32×4d; the nearest value would give 8×13d.
 */
public final class KeepComplexity {
    private KeepComplexity() {
    }

    /** What is held fixed. */
    public enum Measure {
        MULT_ADDS("mult_adds", LayerCost::multAdds), PARAMS("params", LayerCost::params);

        private final String key;
        private final ToLongFunction<LayerCost> figure;

        Measure(String key, ToLongFunction<LayerCost> figure) {
            this.key = key;
            this.figure = figure;
        }

        public String key() {
            return key;
        }

        public long of(LayerCost totals) {
            return figure.applyAsLong(totals);
        }

        /** By the command line's name, {@code mult_adds} or {@code params}. */
        public static Optional<Measure> byKey(String key) {
            for (Measure m : values()) {
                if (m.key.equals(key)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** Knob settings for the compensating value u, given the variant's knobs. */
    @FunctionalInterface
    interface Settings {
        Map<String, String> of(int u, KnobValues knobs);
    }

    /**
     * How a family compensates a swept knob: an integer u in [lo, hi] whose complexity grows with u, turned into knob
     * settings; or nothing to solve, when the family's own rule compensates ({@code settings} null).
     *
     * @param solved what the solution is called in a report: a knob's name, or {@code blocks} for DenseNet's depth
     */
    public record Compensation(String solved, int lo, int hi, Settings settings) {
        public boolean builtIn() {
            return settings == null;
        }
    }

    /** The solved variant: its knobs, and how far its complexity lands from the target. */
    public record Solution(KnobValues knobs, long target, long reached) {
        /** {@code 100 (reached − target) / target}. */
        public double offPercent() {
            return 100.0 * (reached - target) / target;
        }
    }

    /**
     * The compensation of {@code family} when {@code swept} moves.
     *
     * @return empty when the family has none designated for that knob
     */
    public static Optional<Compensation> compensation(String family, String swept, List<Knob> knobs) {
        return Optional.ofNullable(switch (family + "/" + swept) {
            case "resnet/cardinality" -> integerKnob(knobs, "bottleneck_width");
            case "resnet/bottleneck_width" -> integerKnob(knobs, "cardinality");
            case "mobilenet_v1/width", "mobilenet_v2/width" -> integerKnob(knobs, "resolution");
            case "mobilenet_v1/resolution", "mobilenet_v2/resolution" -> thousandths(knobs, "width");
            case "densenet/growth_rate" -> denseDepth(knobs);
            case "shufflenet_v1/groups" -> new Compensation("the widths of its Table 1", 0, 0, null);
            default -> null;
        });
    }

    /** What {@code family} can compensate, for messages: e.g. {@code cardinality, bottleneck_width}. */
    public static String sweepable(String family, List<Knob> knobs) {
        return knobs.stream().map(Knob::name).filter(k -> compensation(family, k, knobs).isPresent())
                .collect(Collectors.joining(", "));
    }

    private static Knob knob(List<Knob> knobs, String name) {
        return knobs.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
    }

    private static Compensation integerKnob(List<Knob> knobs, String name) {
        Knob k = knob(knobs, name);
        return new Compensation(name, (int) k.min(), (int) k.max(), (u, v) -> Map.of(name, Integer.toString(u)));
    }

    /** A real knob solved to three decimals (α = 0.001 · u). */
    private static Compensation thousandths(List<Knob> knobs, String name) {
        Knob k = knob(knobs, name);
        return new Compensation(name, (int) Math.ceil(k.min() * 1000), (int) Math.floor(k.max() * 1000),
                (u, v) -> Map.of(name, String.format(Locale.ROOT, "%.3f", u / 1000.0)));
    }

    /**
     * DenseNet's depth: u dense layers in all, shared among the blocks in the proportions of the variant's own
     * blocks (DenseNet-121's 6:12:24:16), each block at least 1.
     */
    private static Compensation denseDepth(List<Knob> knobs) {
        Knob blocks = knob(knobs, "blocks");
        return new Compensation("blocks", 1, (int) blocks.max() * 4, (u, v) -> {
            List<Integer> base = v.integerList("blocks");
            int sum = base.stream().mapToInt(Integer::intValue).sum();
            List<String> scaled = new ArrayList<>();
            for (int b : base) {
                scaled.add(Long.toString(Math.max(1, Math.min((long) blocks.max(), Math.round((double) u * b / sum)))));
            }
            return Map.of("blocks", String.join(",", scaled));
        });
    }

    /**
     * Solves the compensation for {@code variant} (the swept knob already set) to reach {@code target}.
     *
     * @throws VariantException when no compensating value gives a possible net
     */
    public static Solution solve(ModelSpec variant, Compensation c, Measure measure, long target) {
        if (c.builtIn()) {
            return new Solution(variant.knobs(), target, complexity(variant.knobs(), variant, measure)
                    .orElseThrow(() -> new VariantException(null, "impossible net")));
        }
        // The smallest u whose complexity reaches the target, by bisection (complexity grows with u); an impossible
        // net (too small to build) counts as below the target.
        int lo = c.lo();
        int hi = c.hi();
        if (reached(variant, c, measure, hi, target).isEmpty()) {
            KnobValues top = withU(variant, c, hi);
            return new Solution(top, target, complexity(top, variant, measure).orElseThrow(() ->
                    new VariantException(c.solved(), "no value of " + c.solved() + " gives a possible net")));
        }
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (reached(variant, c, measure, mid, target).isPresent()) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        KnobValues solved = withU(variant, c, lo);
        long reached = complexity(solved, variant, measure).orElseThrow();
        // Where rounding makes several values equal (MobileNet's ρ = 223 and 224), the variant's own value wins.
        if (complexity(variant.knobs(), variant, measure).filter(v -> v == reached).isPresent()) {
            return new Solution(variant.knobs(), target, reached);
        }
        return new Solution(solved, target, reached);
    }

    /** The complexity at u when it reaches the target. */
    private static Optional<Long> reached(ModelSpec variant, Compensation c, Measure measure, int u, long target) {
        return complexity(withU(variant, c, u), variant, measure).filter(v -> v >= target);
    }

    private static KnobValues withU(ModelSpec variant, Compensation c, int u) {
        return variant.knobs().with(new LinkedHashMap<>(c.settings().of(u, variant.knobs())));
    }

    private static Optional<Long> complexity(KnobValues knobs, ModelSpec variant, Measure measure) {
        try {
            return Optional.of(measure.of(CostAnalysis.analyze(variant.family().build(variant.name(), knobs))
                    .totals()));
        } catch (KnobException | InvalidNetException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
