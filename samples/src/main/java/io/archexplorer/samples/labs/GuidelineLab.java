package io.archexplorer.samples.labs;

import io.archexplorer.samples.Family;
import io.archexplorer.samples.ModelSpec;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * One of ShuffleNet V2's four guideline experiments, rebuilt as a family of nets the engine runs: its rows (the
 * paper's variants, at equal FLOPs) and what the paper measured for them.
 *
 * @param id {@code g1} to {@code g4}
 * @param guideline the guideline as the paper states it
 * @param explanation one paragraph for the class: what the rows change and why it might matter
 * @param formula the closed form the lab illustrates
 * @param closedFormMac the whole net's MAC by the paper's closed form, for the knobs of a row; empty where the
 *     paper gives none (G3, G4)
 */
public record GuidelineLab(String id, String guideline, String explanation, String formula, Family family,
                           Function<KnobValues, OptionalLong> closedFormMac, List<LabRow> rows) {
    public GuidelineLab {
        rows = List.copyOf(rows);
    }

    /** The knobs every row starts from: the family's defaults with {@code settings} (e.g. scale=2) on top. */
    public KnobValues base(Map<String, String> settings) {
        return family.defaults().with(settings);
    }

    /** Row {@code row}'s model: its knobs on top of {@code base}. */
    public ModelSpec spec(LabRow row, KnobValues base) {
        return new ModelSpec(family.name(), family, base.with(row.knobs()));
    }

    /** The ×1, ×2 or ×4 of these knobs. */
    public static int scale(KnobValues knobs) {
        return LabNets.scale(knobs);
    }

    /** The rows' variants, fastest first, by the paper's figures on {@code device} in the column of {@code scale}. */
    public List<String> paperRanking(PaperDevice device, int scale) {
        return rows.stream().sorted(Comparator.comparingDouble((LabRow r) -> -r.published(device, scale)))
                .map(LabRow::variant).toList();
    }
}
