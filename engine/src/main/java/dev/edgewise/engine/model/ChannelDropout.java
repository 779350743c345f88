package dev.edgewise.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Drops whole feature maps (PyTorch's {@code Dropout2d}): in training each channel of each sample
 * is zeroed with probability {@code rate} and the survivors scaled by 1/(1-rate); at inference it
 * passes its input through.
 *
 * <p>The C-RNN extractor pools right after this dropout. Dropping single activations before a max
 * pool biases the pooled value upwards in training only, so features at inference differ from the
 * ones the cell learned on; dropping whole channels keeps the pooled maps consistent.
 */
public final class ChannelDropout extends AbstractBlock {

    private final float rate;

    public ChannelDropout(double rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = (float) rate;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        if (!training || rate == 0f) {
            return new NDList(input);
        }
        Shape shape = input.getShape();
        NDArray keep = input.getManager()
                .randomUniform(0f, 1f, new Shape(shape.get(0), shape.get(1), 1, 1))
                .gte(rate)
                .toType(input.getDataType(), false)
                .div(1f - rate);
        // The same products as multiplying by the (B, C, 1, 1) mask, but MXNet's backward of a
        // broadcast multiply also reduces a gradient for the mask over every pixel (4.5 ms of its
        // 50 ms C-RNN step) although nothing asks for it; of an elementwise one it does not.
        return new NDList(input.mul(keep.broadcast(shape)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
