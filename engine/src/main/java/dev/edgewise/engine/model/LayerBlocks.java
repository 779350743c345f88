package dev.edgewise.engine.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import dev.edgewise.catalog.layers.Layer;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.TensorShape;
import java.util.ArrayList;
import java.util.List;

/** Turns a layer stack (data, from the catalog) into DJL blocks, with PyTorch's default initialisation. */
public final class LayerBlocks {

    private LayerBlocks() {}

    public static SequentialBlock of(LayerStack stack) {
        SequentialBlock blocks = new SequentialBlock();
        TensorShape shape = stack.input();
        if (Kernels.channelsLast() && !stack.layers().isEmpty() && stack.layers().get(0) instanceof Layer.Conv2d) {
            blocks.add(new ChannelsLast());
        }
        for (Layer layer : dropoutAfterPooling(stack.layers())) {
            blocks.add(block(layer, shape));
            shape = layer.output(shape);
        }
        return blocks;
    }

    /**
     * The same layers, each channel dropout moved past the max-pools and ReLUs right after it, when
     * that changes no float: they then run on the unscaled maps and the dropout on the smaller
     * pooled ones (a quarter of the pixels after a 2x2 pool).
     *
     * <p>Dropout multiplies a map by 0 or k = 1 / (1 - rate). Rounding is monotone, so max and ReLU
     * give the same values either way. The pool's backward pass must also pick the same pixel: with
     * k a power of two, k x is exact and no two different values become equal, so it does; with
     * any other k two values could round to one and the tie go to another pixel, so the order is
     * kept.
     */
    static List<Layer> dropoutAfterPooling(List<Layer> layers) {
        List<Layer> moved = new ArrayList<>(layers);
        for (int i = 0; i < moved.size(); i++) {
            if (moved.get(i) instanceof Layer.ChannelDropout dropout && exactScale(dropout.rate())) {
                int j = i;
                while (j + 1 < moved.size() && (moved.get(j + 1) instanceof Layer.MaxPool || moved.get(j + 1) instanceof Layer.Relu)) {
                    moved.set(j, moved.get(j + 1));
                    j++;
                }
                moved.set(j, dropout);
                i = j;
            }
        }
        return moved;
    }

    /** Whether 1 / (1 - rate), computed as ChannelDropout does, is a power of two. */
    private static boolean exactScale(double rate) {
        float scale = 1f / (1f - (float) rate);
        return scale == Math.scalb(1f, Math.getExponent(scale));
    }

    private static Block block(Layer layer, TensorShape input) {
        if (layer instanceof Layer.Conv2d conv) {
            Conv2d.Builder builder = Conv2d.builder().setKernelShape(new Shape(conv.kernel(), conv.kernel())).setFilters(conv.filters());
            if (conv.padding() > 0) {
                builder.optPadding(new Shape(conv.padding(), conv.padding()));
            }
            return FanInUniform.apply(builder.build(), (long) input.dim(0) * conv.kernel() * conv.kernel());
        }
        if (layer instanceof Layer.MaxPool pool) {
            return Pool.maxPool2dBlock(new Shape(pool.size(), pool.size()));
        }
        if (layer instanceof Layer.Relu) {
            return Activation.reluBlock();
        }
        if (layer instanceof Layer.ChannelDropout dropout) {
            return new ChannelDropout(dropout.rate());
        }
        if (layer instanceof Layer.Flatten) {
            return Blocks.batchFlattenBlock();
        }
        if (layer instanceof Layer.Dense dense) {
            return FanInUniform.apply(Linear.builder().setUnits(dense.units()).build(), input.dim(0));
        }
        if (layer instanceof Layer.Sigmoid) {
            return Activation.sigmoidBlock();
        }
        if (layer instanceof Layer.Tanh) {
            return Activation.tanhBlock();
        }
        if (layer instanceof Layer.Dropout dropout) {
            return Dropout.builder().optRate((float) dropout.rate()).build();
        }
        if (layer instanceof Layer.Lstm lstm) {
            return new LstmLayer(lstm.units(), lstm.sequences());
        }
        throw new IllegalArgumentException("no block for " + layer);
    }
}
