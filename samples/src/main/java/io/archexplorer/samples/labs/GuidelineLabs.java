package io.archexplorer.samples.labs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The four guideline labs with the figures ShuffleNet V2 published (Ma et al. 2018, Tables 1–4: GPU in batches/s on
 * a GTX 1080Ti, ARM in images/s on a Snapdragon 810, each at ×1, ×2, ×4).
 */
public final class GuidelineLabs {
    private static final List<GuidelineLab> ALL = List.of(
            new GuidelineLab("g1", "G1: equal channel width minimizes memory access cost (MAC)",
                    "Each block is two 1×1 convolutions, c1 → c2 → c1. The FLOPs of a 1×1 layer are B = hw·c1·c2, so"
                            + " the rows hold c1·c2 fixed while the ratio c1:c2 widens. The memory traffic does not"
                            + " stay fixed: by the AM–GM inequality it is smallest when c1 = c2.",
                    "MAC = hw(c1 + c2) + c1·c2 ≥ 2√(hwB) + B/hw, equal when c1 = c2",
                    new ChannelRatioLab(), ChannelRatioLab::closedFormMac, List.of(
                            row("1:1", Map.of("ratio", "1:1"), perScale(1480, 723, 232), perScale(76.2, 21.7, 5.3)),
                            row("1:2", Map.of("ratio", "1:2"), perScale(1296, 586, 206), perScale(72.9, 20.5, 5.1)),
                            row("1:6", Map.of("ratio", "1:6"), perScale(876, 489, 189), perScale(69.1, 17.9, 4.6)),
                            row("1:12", Map.of("ratio", "1:12"), perScale(748, 392, 163), perScale(57.6, 15.1, 4.4)))),
            new GuidelineLab("g2", "G2: excessive group convolution increases MAC",
                    "Ten 1×1 convolutions c → c with g groups. A group convolution does 1/g of the dense one's"
                            + " FLOPs, so the rows widen c as g grows to keep c²/g fixed; the wider maps cost"
                            + " memory traffic that the FLOPs do not show.",
                    "MAC = hw(c1 + c2) + c1·c2/g = hw·c1 + B·g/c1 + B/hw",
                    new GroupCountLab(), GroupCountLab::closedFormMac, List.of(
                            row("g=1", Map.of("groups", "1"), perScale(2451, 1289, 437), perScale(40.0, 10.2, 2.3)),
                            row("g=2", Map.of("groups", "2"), perScale(1725, 873, 341), perScale(35.0, 9.5, 2.2)),
                            row("g=4", Map.of("groups", "4"), perScale(1026, 644, 338), perScale(32.9, 8.7, 2.1)),
                            row("g=8", Map.of("groups", "8"), perScale(634, 445, 230), perScale(27.8, 7.5, 1.8)))),
            new GuidelineLab("g3", "G3: network fragmentation reduces degree of parallelism",
                    "The same FLOPs as one 1×1 convolution, split into 2 or 4 smaller convolutions in series or side"
                            + " by side (as GoogLeNet's branches are). Every fragment is a kernel launch of its own"
                            + " and a smaller matrix, which a wide processor fills less well.",
                    "FLOPs per pixel: c² = n·c·(c/n) (parallel) = 2·c·(c/2) (2 in series)",
                    new FragmentationLab(), knobs -> OptionalLong.empty(), List.of(
                            row("1-fragment", Map.of("structure", "1-fragment"), perScale(2446, 1274, 434), perScale(40.2, 10.1, 2.3)),
                            row("2-fragment-series", Map.of("structure", "2-fragment-series"), perScale(1790, 909, 336),
                                    perScale(38.6, 10.1, 2.2)),
                            row("4-fragment-series", Map.of("structure", "4-fragment-series"), perScale(752, 745, 349),
                                    perScale(38.4, 10.1, 2.3)),
                            row("2-fragment-parallel", Map.of("structure", "2-fragment-parallel"), perScale(1537, 803, 320),
                                    perScale(33.4, 9.1, 2.2)),
                            row("4-fragment-parallel", Map.of("structure", "4-fragment-parallel"), perScale(691, 572, 292),
                                    perScale(35.0, 8.4, 2.1)))),
            new GuidelineLab("g4", "G4: element-wise operations are non-negligible",
                    "Ten ResNet bottlenecks with the ReLUs and the shortcut's add switched off. They cost no FLOPs"
                            + " at all, but each reads and writes a whole feature map. Run unfused, so each"
                            + " element-wise op is paid for on its own, as the paper's did.",
                    "MAC of an element-wise op = inputs + output (ReLU: 2·hw·c, add: 3·hw·c); FLOPs 0",
                    new ElementwiseLab(), knobs -> OptionalLong.empty(), List.of(
                            row("ReLU yes, shortcut yes", Map.of("relu", "on", "shortcut", "on"), perScale(2427, 2066, 1436),
                                    perScale(56.7, 16.9, 5.0)),
                            row("ReLU yes, shortcut no", Map.of("relu", "on", "shortcut", "off"), perScale(2647, 2256, 1735),
                                    perScale(61.9, 18.8, 5.2)),
                            row("ReLU no, shortcut yes", Map.of("relu", "off", "shortcut", "on"), perScale(2672, 2121, 1458),
                                    perScale(57.3, 18.2, 5.1)),
                            row("ReLU no, shortcut no", Map.of("relu", "off", "shortcut", "off"), perScale(2842, 2376, 1782),
                                    perScale(66.3, 20.2, 5.4)))));

    private GuidelineLabs() {
    }

    public static List<GuidelineLab> all() {
        return ALL;
    }

    /** The lab {@code g1} … {@code g4} (any case). */
    public static Optional<GuidelineLab> lab(String id) {
        String key = id.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(l -> l.id().equals(key)).findFirst();
    }

    private static LabRow row(String variant, Map<String, String> knobs, double[] gpu, double[] arm) {
        return new LabRow(variant, knobs, gpu, arm);
    }

    private static double[] perScale(double x1, double x2, double x4) {
        return new double[] {x1, x2, x4};
    }

    private static double[] a(double x1, double x2, double x4) {
        return new double[] {x1, x2, x4};
    }
}
