package dev.edgewise.engine.model;

import ai.djl.engine.Engine;

/**
 * How the current engine lays out what it computes, where two layouts give the same function at
 * different speeds. Layouts round differently (other kernels), so each engine keeps one: every
 * result recorded on MXNet was computed in MXNet's plain layout and stays so bit for bit.
 */
public final class Kernels {

    private Kernels() {}

    /**
     * Whether convolution stacks run channels-last (see {@link ChannelsLast}): on PyTorch, whose
     * oneDNN convolutions and max pool are much faster on channels-last arrays for the few-channel
     * maps of the C-RNN's extractor, and whose plain-layout convolution backward pass gives a wrong
     * input gradient for them (libtorch 2.7.1; {@code ChannelsLastTest} checks against float64).
     * MXNet keeps the plain layout.
     */
    public static boolean channelsLast() {
        return "PyTorch".equals(Engine.getDefaultEngineName());
    }
}
