package io.archexplorer.app.report;

import io.archexplorer.app.study.LoadedModel;
import io.archexplorer.app.study.SpeedTest;
import io.archexplorer.engine.runtime.Profile;
import java.io.PrintStream;
import java.util.Locale;

/** {@code explorer bench} as a table: the measured latency, then every executed step with its time and share. */
public final class ProfileTable {
    private ProfileTable() {
    }

    public static void print(LoadedModel model, SpeedTest.Result result, PrintStream out) {
        Profile p = result.profile();
        double stepsTotal = p.steps().stream().mapToDouble(Profile.StepTiming::medianMs).sum();
        TextTable table = new TextTable("step", "op", ">time ms", ">share", ">GFLOP/s", "also runs");
        for (Profile.StepTiming t : p.steps()) {
            table.row(t.step().name(), t.step().kind(), ms(t.medianMs()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * t.medianMs() / stepsTotal),
                    t.step().multAdds() > 0 ? String.format(Locale.ROOT, "%.1f", t.gflops()) : "",
                    String.join(", ", t.step().absorbed()));
        }
        table.print(out);
        out.println();
        out.printf(Locale.ROOT, "%s — %d thread%s, batch %d, %s (%d runs after %d warm-up runs)%n", model.name(),
                p.threads(), p.threads() == 1 ? "" : "s", p.batch(),
                result.options().foldBatchNorm() ? "fused (batchnorm folded into convolutions; a residual add and a ReLU into the convolution before)"
                        : "unfused (every layer on its own)", p.runs(), p.warmupRuns());
        out.printf(Locale.ROOT, "latency %s ms median (min %s, max %s) · %.1f images/s · %.1f GFLOP/s%n",
                ms(p.medianMs()), ms(p.minMs()), ms(p.maxMs()), p.imagesPerSecond(), p.gflops());
        out.println("memory: weights " + Numbers.bytes(result.weightBytes()) + ", peak activations "
                + Numbers.bytes(result.activationBytes()));
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.3f" : "%.2f", v);
    }
}
