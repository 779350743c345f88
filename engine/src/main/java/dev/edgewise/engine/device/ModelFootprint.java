package dev.edgewise.engine.device;

import java.util.List;

/**
 * What one role's model consists of, in values (not bytes: the precision and the optimizer turn
 * values into bytes, see {@link RoleBudget}).
 *
 * @param weights the weight tensors (quantized when stored below 32 bits)
 * @param biases bias values (kept float32)
 * @param input values of one input (the window buffer the device fills)
 * @param inferenceActivations the most activation values alive at once in one forward pass
 * @param trainingActivations activation values a backward pass needs kept (for an LSTM, every step of the window)
 * @param macs multiply-accumulates of one forward pass
 */
public record ModelFootprint(List<Tensor> weights, long biases, long input, long inferenceActivations, long trainingActivations, long macs) {

    public ModelFootprint {
        weights = List.copyOf(weights);
    }

    /** One weight tensor: its values and its output channels (rows), which per-channel scales count. */
    public record Tensor(String name, long values, long rows) {}

    public long weightValues() {
        return weights.stream().mapToLong(Tensor::values).sum();
    }

    public long parameters() {
        return weightValues() + biases;
    }
}
