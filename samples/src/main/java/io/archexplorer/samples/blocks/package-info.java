/**
 * The building blocks the families share, modelled on torchvision's models so that a family written from its paper
 * and torchvision's code finds the same pieces: {@link io.archexplorer.samples.blocks.ConvBnAct}
 * (Conv2dNormActivation), {@link io.archexplorer.samples.blocks.SqueezeExcitation}, {@link io.archexplorer.samples.blocks.InvertedResidual},
 * {@link io.archexplorer.samples.blocks.SeparableConv}, {@link io.archexplorer.samples.blocks.MultiBranch},
 * {@link io.archexplorer.samples.blocks.ClassifierHead} and the width rule
 * {@link io.archexplorer.samples.blocks.Channels#makeDivisible(double, int)}.
 *
 * <p>Each block is an immutable record of its settings. {@link io.archexplorer.samples.blocks.Block#add} adds its
 * layers to a {@link io.archexplorer.engine.graph.NetBuilder} after an input and returns the name of its output
 * layer. Layer names are part of the families' contract (the tests assert them, the window shows them and matches
 * them across variants), so every block documents the names it gives.
 */
package io.archexplorer.samples.blocks;
