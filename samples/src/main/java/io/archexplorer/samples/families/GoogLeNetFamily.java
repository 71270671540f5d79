package io.archexplorer.samples.families;

import io.archexplorer.engine.graph.Net;
import io.archexplorer.engine.graph.NetBuilder;
import io.archexplorer.engine.ops.Pool;
import io.archexplorer.samples.Family;
import io.archexplorer.samples.Preset;
import io.archexplorer.samples.blocks.ClassifierHead;
import io.archexplorer.samples.blocks.ConvBnAct;
import io.archexplorer.samples.blocks.MultiBranch;
import io.archexplorer.samples.blocks.Step;
import io.archexplorer.samples.knobs.Knob;
import io.archexplorer.samples.knobs.KnobValues;
import java.util.List;
import java.util.Map;

/**
 * GoogLeNet (Szegedy et al. 2015, "Going Deeper with Convolutions"): nine Inception modules, each running 1×1,
 * 3×3 and 5×5 convolutions and a 3×3 max pool side by side and concatenating them, with 1×1 reductions in front
 * of the expensive branches and a 1×1 projection behind the pool (Figure 2b). Without reductions the module is the
 * paper's naive one (Figure 2a), whose output is wider than its input because the pooled input is passed on whole.
 *
 * <p>The layout follows torchvision (auxiliary classifiers off): every convolution is followed by batchnorm
 * (eps 0.001) and ReLU, max pools round up, and the "5×5" branch of the reduced module has a 3×3 kernel, a
 * long-standing torchvision quirk kept so the figures match its model.
 */
public final class GoogLeNetFamily implements Family {
    private static final double BATCHNORM_EPS = 0.001;

    /** One row of the paper's Table 1. */
    private record Module(String name, int n1x1, int n3x3Reduce, int n3x3, int n5x5Reduce, int n5x5, int poolProj) {
    }

    private static final List<List<Module>> STAGES = List.of(
            List.of(new Module("inception3a", 64, 96, 128, 16, 32, 32),
                    new Module("inception3b", 128, 128, 192, 32, 96, 64)),
            List.of(new Module("inception4a", 192, 96, 208, 16, 48, 64),
                    new Module("inception4b", 160, 112, 224, 24, 64, 64),
                    new Module("inception4c", 128, 128, 256, 24, 64, 64),
                    new Module("inception4d", 112, 144, 288, 32, 64, 64),
                    new Module("inception4e", 256, 160, 320, 32, 128, 128)),
            List.of(new Module("inception5a", 256, 160, 320, 32, 128, 128),
                    new Module("inception5b", 384, 192, 384, 48, 128, 128)));

    @Override
    public String name() {
        return "googlenet";
    }

    @Override
    public String title() {
        return "GoogLeNet (Inception v1)";
    }

    @Override
    public String reference() {
        return "Szegedy et al. 2015, Going Deeper with Convolutions";
    }

    @Override
    public List<Knob> knobs() {
        return List.of(
                Knob.toggle("reduction", "", "1×1 reductions before the 3×3 and 5×5 convolutions and a projection "
                        + "after the pool (Figure 2b); off: the naive module (Figure 2a)", true),
                ImageInput.resolution(224));
    }

    @Override
    public List<Preset> presets() {
        return List.of(new Preset("googlenet", name(), "GoogLeNet (torchvision, batchnorm, no auxiliary heads)",
                Map.of()));
    }

    @Override
    public Net build(String netName, KnobValues knobs) {
        boolean reduction = knobs.toggle("reduction");

        NetBuilder b = new NetBuilder(netName);
        String x = ImageInput.add(b, knobs.integer("resolution"));
        x = basicConv(64, 7).withStride(2).add(b, "conv1", x);
        x = b.add("maxpool1", Pool.max(3, 2, 0).withCeilMode(), x);
        x = basicConv(64, 1).add(b, "conv2", x);
        x = basicConv(192, 3).add(b, "conv3", x);
        x = b.add("maxpool2", Pool.max(3, 2, 0).withCeilMode(), x);
        for (int stage = 0; stage < STAGES.size(); stage++) {
            if (stage > 0) {
                // torchvision's maxpool4 is 2×2 where the paper (and maxpool3) use 3×3.
                Pool pool = stage == 1 ? Pool.max(3, 2, 0) : Pool.max(2, 2, 0);
                x = b.add("maxpool" + (stage + 2), pool.withCeilMode(), x);
            }
            for (Module m : STAGES.get(stage)) {
                try (var s = b.block(m.name())) {
                    x = (reduction ? inception(m) : naiveInception(m)).add(b, "concat", x);
                }
            }
        }
        ClassifierHead.of(classes(knobs)).withDropout(0.2).add(b, x);
        return b.build();
    }

    /** Figure 2b, in torchvision's branch order. */
    private static MultiBranch inception(Module m) {
        return MultiBranch.of(
                List.of(basicConv(m.n1x1(), 1).named("1x1")),
                List.of(basicConv(m.n3x3Reduce(), 1).named("3x3_reduce"), basicConv(m.n3x3(), 3).named("3x3")),
                List.of(basicConv(m.n5x5Reduce(), 1).named("5x5_reduce"), basicConv(m.n5x5(), 3).named("5x5")),
                List.of(pool(), basicConv(m.poolProj(), 1).named("pool_proj")));
    }

    /** Figure 2a: the same filter banks straight on the input, and the pooled input passed on whole. */
    private static MultiBranch naiveInception(Module m) {
        return MultiBranch.of(
                List.of(basicConv(m.n1x1(), 1).named("1x1")),
                List.of(basicConv(m.n3x3(), 3).named("3x3")),
                List.of(basicConv(m.n5x5(), 5).named("5x5")),
                List.of(pool()));
    }

    private static Step pool() {
        return Step.layer("pool", Pool.max(3, 1, 1).withCeilMode());
    }

    /** torchvision's BasicConv2d: conv without bias, batchnorm with eps 0.001, ReLU. */
    private static ConvBnAct basicConv(int outChannels, int kernel) {
        return ConvBnAct.of(outChannels, kernel).withBatchNormEps(BATCHNORM_EPS);
    }
}
