package dev.edgewise.catalog.layers;

/**
 * One layer of a node's model, as data: what it is, not how an engine runs it. The engine turns a
 * list of layers into blocks; the accountant turns the same list into parameter and FLOP counts,
 * so the numbers a paper prints and the model that trains can never drift apart.
 */
public sealed interface Layer permits Layer.Conv2d, Layer.MaxPool, Layer.Relu, Layer.ChannelDropout, Layer.Flatten, Layer.Dense {

    /** The shape this layer produces from {@code input} (channels x height x width, or features). */
    TensorShape output(TensorShape input);

    /** Trainable values (weights and biases); none unless the layer has weights. */
    default long parameters(TensorShape input) {
        return 0;
    }

    /** A short name for tables, e.g. "Conv2d", "Linear". */
    String kind();

    /** Square convolution, stride 1, no padding, with bias. */
    record Conv2d(int filters, int kernel) implements Layer {
        public Conv2d {
            positive(filters, "filters");
            positive(kernel, "kernel");
        }

        @Override
        public TensorShape output(TensorShape input) {
            input.requireRank(3, "Conv2d");
            return TensorShape.of(filters, input.dim(1) - kernel + 1, input.dim(2) - kernel + 1);
        }

        @Override
        public long parameters(TensorShape input) {
            return (long) filters * input.dim(0) * kernel * kernel + filters;
        }

        @Override
        public String kind() {
            return "Conv2d";
        }
    }

    /** Non-overlapping max pooling over size x size windows. */
    record MaxPool(int size) implements Layer {
        public MaxPool {
            positive(size, "size");
        }

        @Override
        public TensorShape output(TensorShape input) {
            input.requireRank(3, "MaxPool");
            return TensorShape.of(input.dim(0), input.dim(1) / size, input.dim(2) / size);
        }


        @Override
        public String kind() {
            return "MaxPool";
        }
    }

    record Relu() implements Layer {
        @Override
        public TensorShape output(TensorShape input) {
            return input;
        }


        @Override
        public String kind() {
            return "ReLU";
        }
    }

    /** Drops whole feature maps in training (PyTorch's Dropout2d); identity at inference. */
    record ChannelDropout(double rate) implements Layer {
        public ChannelDropout {
            if (rate < 0 || rate >= 1) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
            }
        }

        @Override
        public TensorShape output(TensorShape input) {
            return input;
        }


        @Override
        public String kind() {
            return "Dropout";
        }
    }

    record Flatten() implements Layer {
        @Override
        public TensorShape output(TensorShape input) {
            return TensorShape.of((int) input.elements());
        }


        @Override
        public String kind() {
            return "Flatten";
        }
    }

    /** Fully connected, with bias. */
    record Dense(int units) implements Layer {
        public Dense {
            positive(units, "units");
        }

        @Override
        public TensorShape output(TensorShape input) {
            input.requireRank(1, "Dense");
            return TensorShape.of(units);
        }

        @Override
        public long parameters(TensorShape input) {
            return (long) input.dim(0) * units + units;
        }

        @Override
        public String kind() {
            return "Linear";
        }
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
