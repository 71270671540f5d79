package io.archexplorer.samples.blocks;

import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Concat;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of an Inception module: branches that each run a sequence of steps on the same input, their outputs
 * concatenated along the channels (GoogLeNet; Inception v3 and v4 and Inception-ResNet are made the same way). An
 * empty branch passes the input on as it is.
 *
 * <p>The name given to {@link #add} is the concatenation's. The steps name their own layers, and all go into the
 * caller's block, branch after branch and the concatenation last, so that a module's layers stand side by side
 * under the paper's names (GoogLeNet's {@code 1x1}, {@code 3x3_reduce}, ...) and the caller can go on in the same
 * block (Inception-ResNet's projection and residual add). A multi-branch is a {@link Step} like any other, for
 * Inception v3's branches that split in two.
 */
public record MultiBranch(List<List<Step>> branches) implements Block {

    public MultiBranch {
        branches = branches.stream().map(List::copyOf).toList();
    }

    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only copied, as in List.of
    public static MultiBranch of(List<Step>... branches) {
        return new MultiBranch(Arrays.asList(branches));
    }

    @Override
    public String add(NetBuilder b, String name, String input) {
        String[] outputs = new String[branches.size()];
        for (int i = 0; i < outputs.length; i++) {
            String x = input;
            for (Step step : branches.get(i)) {
                x = step.add(b, x);
            }
            outputs[i] = x;
        }
        return b.add(name, new Concat(), outputs);
    }
}
