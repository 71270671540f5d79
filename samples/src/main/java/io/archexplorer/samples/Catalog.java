package io.archexplorer.samples;

import io.archexplorer.samples.families.AlexNetFamily;
import io.archexplorer.samples.families.DenseNetFamily;
import io.archexplorer.samples.families.GoogLeNetFamily;
import io.archexplorer.samples.families.InceptionFamily;
import io.archexplorer.samples.families.LeNetFamily;
import io.archexplorer.samples.families.MobileNetV1Family;
import io.archexplorer.samples.families.MobileNetV2Family;
import io.archexplorer.samples.families.NinFamily;
import io.archexplorer.samples.families.ResNetFamily;
import io.archexplorer.samples.families.ShuffleNetV1Family;
import io.archexplorer.samples.families.ShuffleNetV2Family;
import io.archexplorer.samples.families.SqueezeNetFamily;
import io.archexplorer.samples.families.VggFamily;
import io.archexplorer.samples.families.XceptionFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every family and preset the tool knows, and the lookup of a model name. */
public final class Catalog {
    private final List<Family> families;
    private final List<Preset> presets;

    public Catalog(List<Family> families) {
        this.families = List.copyOf(families);
        List<Preset> all = new ArrayList<>();
        for (Family f : families) {
            all.addAll(f.presets());
        }
        this.presets = List.copyOf(all);
    }

    /** The architecture zoo, in the order of the README's families table. */
    public static Catalog standard() {
        return new Catalog(List.of(
                new ResNetFamily(),
                new DenseNetFamily(),
                new MobileNetV1Family(),
                new MobileNetV2Family(),
                new ShuffleNetV1Family(),
                new ShuffleNetV2Family(),
                new SqueezeNetFamily(),
                new VggFamily(),
                new AlexNetFamily(),
                new GoogLeNetFamily(),
                new InceptionFamily(),
                new XceptionFamily(),
                new LeNetFamily(),
                new NinFamily()));
    }

    public List<Family> families() {
        return families;
    }

    public List<Preset> presets() {
        return presets;
    }

    public Optional<Family> family(String name) {
        return families.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public Optional<Preset> preset(String name) {
        return presets.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The model a name stands for: a preset (its family with the preset's knobs) or a family (its defaults), with
     * the given knob overrides applied on top.
     *
     * @throws UnknownModelException when the name is neither
     * @throws io.archexplorer.samples.knobs.KnobException when an override names an unknown knob or a bad value
     */
    public ModelSpec resolve(String name, Map<String, String> overrides) {
        String key = name.toLowerCase(Locale.ROOT);
        Optional<Preset> preset = preset(key);
        if (preset.isPresent()) {
            Family f = family(preset.get().family()).orElseThrow();
            return new ModelSpec(key, f, f.defaults().with(preset.get().knobs()).with(overrides));
        }
        Optional<Family> family = family(key);
        if (family.isPresent()) {
            return new ModelSpec(key, family.get(), family.get().defaults().with(overrides));
        }
        throw new UnknownModelException("unknown model '" + name + "': not a preset, family or model file "
                + suggestion(key) + "(run 'explorer list' to see all)");
    }

    private String suggestion(String key) {
        List<String> close = new ArrayList<>();
        for (Family f : families) {
            if (f.name().startsWith(key) || key.startsWith(f.name())) {
                close.add(f.name());
            }
        }
        for (Preset p : presets) {
            if (p.name().startsWith(key) || key.startsWith(p.family())) {
                close.add(p.name());
            }
        }
        if (close.isEmpty()) {
            return "";
        }
        return "(did you mean " + close.stream().distinct().limit(8).collect(Collectors.joining(", ")) + "?) ";
    }
}
