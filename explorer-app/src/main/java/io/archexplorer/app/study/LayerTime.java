package io.archexplorer.app.study;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.runtime.Profile;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a measurement timed one layer: as its own step, inside another layer's step (a folded batchnorm, a fused
 * ReLU), or not at all (the input, views such as flatten that reuse their input's memory).
 *
 * @param ms the step's median time for the whole batch; NaN unless {@code kind} is {@link Kind#RAN}
 * @param fusedInto the name of the step's head layer when {@code kind} is {@link Kind#FUSED}, else empty
 */
public record LayerTime(Kind kind, double ms, String fusedInto) {
    public enum Kind { NOT_MEASURED, RAN, FUSED, NO_STEP }

    public static final LayerTime NOT_MEASURED = new LayerTime(Kind.NOT_MEASURED, Double.NaN, "");
    private static final LayerTime NO_STEP = new LayerTime(Kind.NO_STEP, Double.NaN, "");

    public static LayerTime ran(double ms) {
        return new LayerTime(Kind.RAN, ms, "");
    }

    /** One entry per layer of {@code net}; all {@link #NOT_MEASURED} when {@code profile} is null. */
    public static List<LayerTime> perLayer(Net net, Profile profile) {
        LayerTime[] times = new LayerTime[net.size()];
        Arrays.fill(times, profile == null ? NOT_MEASURED : NO_STEP);
        if (profile != null) {
            for (Profile.StepTiming t : profile.steps()) {
                times[t.step().layer()] = ran(t.medianMs());
                LayerTime fused = new LayerTime(Kind.FUSED, Double.NaN, t.step().name());
                for (String absorbed : t.step().absorbed()) {
                    times[net.indexOf(absorbed)] = fused;
                }
            }
        }
        return List.of(times);
    }

    /** What the table shows: milliseconds, "fused", a dash for layers that need no work, nothing before measuring. */
    public String text() {
        return switch (kind) {
            case NOT_MEASURED -> "";
            case RAN -> String.format(Locale.ROOT, ms < 10 ? "%.3f" : "%.2f", ms);
            case FUSED -> "fused";
            case NO_STEP -> "—";
        };
    }

    /** The time this layer adds to a sum: its own step's, or nothing. */
    public double ownMs() {
        return kind == Kind.RAN ? ms : 0;
    }
}
