package dev.edgewise.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Initialises the C-RNN cell's last dense layer so no node can start dead: rows from
 * {@code firstLiveRow} on (the next state s and the output y) start with zero weights and bias
 * 0.5, so every node starts out transmitting and predicting the middle of the target range; the
 * rows before keep PyTorch's U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
 *
 * <p>Under the pinned final ReLU a plain uniform draw can leave y's pre-activation negative for
 * every sample, and then no gradient ever reaches the network (about one seed in five on the
 * quickstart). The communication loss term teaches silence from this start.
 */
final class LiveStart implements Initializer {

    static final float START = 0.5f;

    private final float bound;
    private final int firstLiveRow;
    private final float liveValue;

    private LiveStart(float bound, int firstLiveRow, float liveValue) {
        this.bound = bound;
        this.firstLiveRow = firstLiveRow;
        this.liveValue = liveValue;
    }

    static LiveStart weights(long fanIn, int firstLiveRow) {
        return new LiveStart((float) (1.0 / Math.sqrt(fanIn)), firstLiveRow, 0f);
    }

    static LiveStart biases(long fanIn, int firstLiveRow) {
        return new LiveStart((float) (1.0 / Math.sqrt(fanIn)), firstLiveRow, START);
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        NDArray values = manager.randomUniform(-bound, bound, shape, dataType);
        values.set(new NDIndex("{}:", firstLiveRow), liveValue);
        return values;
    }
}
