package io.archexplorer.engine.io;

import java.util.HashSet;
import java.util.Set;

/**
 * The layer names an importer has handed out. A model file may give two layers one name (Caffe files often do) and
 * a net needs them distinct, so the second of a name becomes {@code name#2}, the third {@code name#3}.
 */
public final class LayerNames {
    private final Set<String> taken = new HashSet<>();

    /** {@code name}, or the first of {@code name#2}, {@code name#3}, ... no layer has yet; taken from now on. */
    public String unique(String name) {
        String unique = name;
        for (int k = 2; !taken.add(unique); k++) {
            unique = name + "#" + k;
        }
        return unique;
    }
}
