package dev.edgewise.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Passes {@code (B, C, H, W)} through unchanged in value and shape, stored channels-last: each
 * pixel's C channels next to each other in memory. On PyTorch a convolution, max pool or
 * elementwise op keeps the layout of its input, so one of these in front of a convolution stack
 * makes the whole stack run channels-last until something reshapes it (a flatten copies back into
 * row-major order). For the C-RNN's extractor (1 -> 10 -> 20 channels, 28 x 28) this makes
 * PyTorch's training step about 1.5 times faster: oneDNN's plain-layout kernels pad 10 and 20
 * channels to blocks of 16, and PyTorch's plain-layout max pool is a scalar loop. It also makes the
 * second convolution's input gradient right: libtorch 2.7.1's blocked backward pass is off by
 * several per cent against float64 (see {@link Kernels#channelsLast}).
 *
 * <p>Written with engine-neutral ops (transpose, a reshape that copies, transpose back): on an
 * engine that ignores strides it is a copy; only {@link Kernels#channelsLast} engines get one.
 */
public final class ChannelsLast extends AbstractBlock {

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        Shape shape = input.getShape();
        // Flattening copies (B, H, W, C) into one row-major run (a view when C = 1); reshaping that
        // gives (B, H, W, C) contiguous strides, which a reshape to the same shape would not (it
        // returns its input, whose strides are NCHW's permuted). The last transpose is a view.
        NDArray nhwc = input.transpose(0, 2, 3, 1).flatten().reshape(shape.get(0), shape.get(2), shape.get(3), shape.get(1));
        return new NDList(nhwc.transpose(0, 3, 1, 2));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
