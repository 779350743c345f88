package dev.edgewise.catalog.layers;

/**
 * How floating-point operations are counted, as the C-RNN paper counts them (Tables 4 to 6, pinned
 * in DESIGN.md): dense = in x out (no bias term); conv = out_elems x (k x k x c_in) + out_elems;
 * max pool = 3 per output element; ReLU = 1 per element, 2 per element on a pooled feature map
 * (as the paper prints for the extractor); dropout and flatten are free.
 */
public record FlopConvention(boolean convBias, int poolPerOutput, int reluPerElement, int reluOnPooledMapPerElement) {

    public static final FlopConvention PAPER = new FlopConvention(true, 3, 1, 2);

    /** FLOPs of {@code layer} on {@code input}; {@code previous} is the layer before it (or null). */
    public long flops(Layer layer, TensorShape input, Layer previous) {
        TensorShape output = layer.output(input);
        if (layer instanceof Layer.Conv2d conv) {
            return output.elements() * conv.kernel() * conv.kernel() * input.dim(0) + (convBias ? output.elements() : 0);
        }
        if (layer instanceof Layer.MaxPool) {
            return output.elements() * poolPerOutput;
        }
        if (layer instanceof Layer.Relu) {
            return input.elements() * (previous instanceof Layer.MaxPool ? reluOnPooledMapPerElement : reluPerElement);
        }
        if (layer instanceof Layer.Dense dense) {
            return (long) input.dim(0) * dense.units();
        }
        if (layer instanceof Layer.Sigmoid || layer instanceof Layer.Tanh) {
            return input.elements();
        }
        if (layer instanceof Layer.Lstm lstm) {
            // Four gates, each a dense on [x, h] per step, as the dense convention counts them.
            return (long) Layer.Lstm.steps(input) * 4 * lstm.units() * (Layer.Lstm.features(input) + lstm.units());
        }
        return 0; // dropout and flatten
    }
}
