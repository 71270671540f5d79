package io.archexplorer.app.window;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --screenshot FILE [MODEL] [--set K=V]... [--pin K=V[,K=V]]... [--overlay O] [--collapse blocks]
 * [--tab T] [--select LAYER] [--presentation] [--lab ID [--lab-scale S]] [--sweep KNOB=VALUES [--keep M]
 * [--sweep-measure]] [--atlas count|measure]}: what the window shows before the screenshot is taken. Each
 * {@code --pin} opens the model with those knobs, waits for its measurement and pins it; then the model is opened
 * and the {@code --set} knobs are turned one by one, as a user would, so the deltas show. {@code --lab} measures
 * that guideline lab in the Labs tab, {@code --sweep} runs a sweep of the model in the Sweep tab, {@code --atlas}
 * counts (or measures) the zoo, each waiting until done.
 *
 * @param lab a guideline lab to measure, or null
 * @param sweep {@code KNOB=VALUES} to sweep, or null
 * @param keep the sweep's {@code --keep}: none, mult_adds or params
 * @param atlas {@code count}, {@code measure} or null
 */
record ScreenshotScript(Path file, String model, Map<String, String> knobs, List<Map<String, String>> pins,
                        Overlay overlay, boolean collapse, String tab, String select, boolean presentation,
                        String lab, String labScale, String sweep, String keep, boolean sweepMeasure, String atlas) {

    static boolean requested(List<String> args) {
        return !args.isEmpty() && args.get(0).equals("--screenshot");
    }

    /** @throws IllegalArgumentException with a one-line message for a malformed command line */
    static ScreenshotScript parse(List<String> args) {
        if (args.size() < 2) {
            throw new IllegalArgumentException("--screenshot needs a FILE.png");
        }
        Path file = Path.of(args.get(1));
        String model = "resnet50";
        Map<String, String> knobs = new LinkedHashMap<>();
        List<Map<String, String>> pins = new ArrayList<>();
        Overlay overlay = Overlay.OP_TYPE;
        boolean collapse = false;
        String tab = "Layers";
        String select = null;
        boolean presentation = false;
        String lab = null;
        String labScale = "1";
        String sweep = null;
        String keep = "none";
        boolean sweepMeasure = false;
        String atlas = null;
        boolean modelSeen = false;
        for (int i = 2; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--set" -> knobs.putAll(assignments(value(args, ++i, a)));
                case "--pin" -> pins.add(assignments(value(args, ++i, a)));
                case "--overlay" -> overlay = overlay(value(args, ++i, a));
                case "--collapse" -> collapse = value(args, ++i, a).equals("blocks");
                case "--tab" -> tab = value(args, ++i, a);
                case "--select" -> select = value(args, ++i, a);
                case "--presentation" -> presentation = true;
                case "--lab" -> lab = value(args, ++i, a);
                case "--lab-scale" -> labScale = value(args, ++i, a);
                case "--sweep" -> sweep = value(args, ++i, a);
                case "--keep" -> keep = value(args, ++i, a);
                case "--sweep-measure" -> sweepMeasure = true;
                case "--atlas" -> atlas = value(args, ++i, a);
                default -> {
                    if (a.startsWith("--") || modelSeen) {
                        throw new IllegalArgumentException("--screenshot: unexpected '" + a + "'");
                    }
                    model = a;
                    modelSeen = true;
                }
            }
        }
        if (atlas != null && !List.of("count", "measure").contains(atlas)) {
            throw new IllegalArgumentException("--atlas: count or measure, got '" + atlas + "'");
        }
        if (sweep != null && sweep.indexOf('=') <= 0) {
            throw new IllegalArgumentException("--sweep needs KNOB=VALUES, got '" + sweep + "'");
        }
        return new ScreenshotScript(file, model, knobs, pins, overlay, collapse, tab, select, presentation, lab,
                labScale, sweep, keep, sweepMeasure, atlas);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static Map<String, String> assignments(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : text.split(",(?=[a-z_]+=)")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected KNOB=VALUE, got '" + part + "'");
            }
            m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return m;
    }

    private static Overlay overlay(String name) {
        for (Overlay o : Overlay.values()) {
            if (o.name().equalsIgnoreCase(name.replace('-', '_'))) {
                return o;
            }
        }
        throw new IllegalArgumentException("--overlay: one of op_type, mult-adds, mac, time");
    }
}
