package dev.edgewise.engine.device;

import dev.edgewise.catalog.layers.Layer;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.TensorShape;
import java.util.ArrayList;
import java.util.List;

/**
 * The footprint of any catalog layer stack (the split family's roles, the LSTM forecaster, a conv
 * stack), counted layer by layer:
 *
 * <ul>
 *   <li>weights: conv filters x k x k x c_in (rows: filters), dense in x out (rows: out), LSTM
 *       4H x F and 4H x H (rows: 4H); biases: conv filters, dense out, LSTM 8H (MXNet's two bias
 *       vectors per gate);
 *   <li>inference: the largest (layer input + layer output + scratch) over the layers, as two
 *       ping-pong buffers (the first layer's input is the input buffer, counted apart); an LSTM's
 *       scratch is its state (h, c: 2H) and the gates of one step (4H);
 *   <li>training: the stack's input plus what each layer keeps for its backward pass: its output
 *       (conv, pool, dense, activations; flatten keeps nothing, it is a view), and for an LSTM seven vectors of H per step (the four
 *       gates, c, tanh(c), h);
 *   <li>MACs: conv out_elems x k x k x c_in, dense in x out, LSTM T x 4H x (F + H).
 * </ul>
 */
public final class LayerFootprints {

    private LayerFootprints() {}

    public static ModelFootprint of(LayerStack stack) {
        List<ModelFootprint.Tensor> weights = new ArrayList<>();
        long biases = 0;
        long inference = 0;
        long training = stack.input().elements();
        long macs = 0;
        TensorShape shape = stack.input();
        int index = 0;
        for (Layer layer : stack.layers()) {
            TensorShape out = layer.output(shape);
            String name = index + ":" + layer.kind();
            long scratch = 0;
            long kept = out.elements();
            if (layer instanceof Layer.Conv2d conv) {
                long perFilter = (long) conv.kernel() * conv.kernel() * shape.dim(0);
                weights.add(new ModelFootprint.Tensor(name, conv.filters() * perFilter, conv.filters()));
                biases += conv.filters();
                macs += out.elements() * perFilter;
            } else if (layer instanceof Layer.Dense dense) {
                long in = shape.elements();
                weights.add(new ModelFootprint.Tensor(name, in * dense.units(), dense.units()));
                biases += dense.units();
                macs += in * dense.units();
            } else if (layer instanceof Layer.Lstm lstm) {
                long h = lstm.units();
                int steps = shape.rank() == 2 ? shape.dim(0) : shape.dim(1);
                long features = shape.dim(shape.rank() - 1);
                weights.add(new ModelFootprint.Tensor(name + ".i2h", 4 * h * features, 4 * h));
                weights.add(new ModelFootprint.Tensor(name + ".h2h", 4 * h * h, 4 * h));
                biases += 8 * h;
                macs += steps * 4 * h * (features + h);
                scratch = 2 * h + 4 * h;
                kept = steps * 7 * h;
            } else if (layer instanceof Layer.Flatten) {
                kept = 0;
            }
            // The first layer reads the input buffer itself, which the budget counts on its own.
            inference = Math.max(inference, (index == 0 ? 0 : shape.elements()) + out.elements() + scratch);
            training += kept;
            shape = out;
            index++;
        }
        return new ModelFootprint(weights, biases, stack.input().elements(), inference, training, macs);
    }
}
