package dev.edgewise.engine.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.UniformInitializer;

/**
 * PyTorch's default initialisation of dense and convolution layers: weights and biases drawn from
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)). The paper's networks were built in PyTorch and "initialized
 * with samples from a uniform distribution"; with DJL's default (Xavier weights, zero biases) the
 * C-RNN's ReLU-gated output unit can die in the first steps and never recover.
 */
final class FanInUniform {

    private FanInUniform() {}

    static <B extends Block> B apply(B layer, long fanIn) {
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        layer.setInitializer(new UniformInitializer(bound), Parameter.Type.WEIGHT);
        layer.setInitializer(new UniformInitializer(bound), Parameter.Type.BIAS);
        return layer;
    }
}
