package dev.edgewise.catalog.layers;

/**
 * One layer of a node's model, as data: what it is, not how an engine runs it. The engine turns a
 * list of layers into blocks; the accountant turns the same list into parameter and FLOP counts,
 * so the numbers a paper prints and the model that trains can never drift apart.
 */
public sealed interface Layer permits Layer.Conv2d, Layer.MaxPool, Layer.Elementwise, Layer.Flatten, Layer.Dense, Layer.Lstm {

    private static void dropoutRate(double rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
    }

    /** A layer that keeps its input's shape: activations and dropout. */
    sealed interface Elementwise extends Layer permits Relu, ChannelDropout, Sigmoid, Tanh, Dropout {
        @Override
        default TensorShape output(TensorShape input) {
            return input;
        }
    }

    /** The shape this layer produces from {@code input} (channels x height x width, or features). */
    TensorShape output(TensorShape input);

    /** Trainable values (weights and biases); none unless the layer has weights. */
    default long parameters(TensorShape input) {
        return 0;
    }

    /** A short name for tables, e.g. "Conv2d", "Linear". */
    String kind();

    /** Square convolution, stride 1, with bias, zero-padded by {@code padding} on every side (0: the C-RNN's). */
    record Conv2d(int filters, int kernel, int padding) implements Layer {
        public Conv2d {
            positive(filters, "filters");
            positive(kernel, "kernel");
            if (padding < 0) {
                throw new IllegalArgumentException("padding must be >= 0, got " + padding);
            }
        }

        /** No padding. */
        public Conv2d(int filters, int kernel) {
            this(filters, kernel, 0);
        }

        @Override
        public TensorShape output(TensorShape input) {
            input.requireRank(3, "Conv2d");
            int h = input.dim(1) + 2 * padding - kernel + 1;
            int w = input.dim(2) + 2 * padding - kernel + 1;
            if (h < 1 || w < 1) {
                throw new IllegalArgumentException("a " + kernel + "x" + kernel + " convolution does not fit an input of " + input);
            }
            return TensorShape.of(filters, h, w);
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

    record Relu() implements Elementwise {
        @Override
        public String kind() {
            return "ReLU";
        }
    }

    /** Drops whole feature maps in training (PyTorch's Dropout2d); identity at inference. */
    record ChannelDropout(double rate) implements Elementwise {
        public ChannelDropout {
            dropoutRate(rate);
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

    record Sigmoid() implements Elementwise {
        @Override
        public String kind() {
            return "Sigmoid";
        }
    }

    record Tanh() implements Elementwise {
        @Override
        public String kind() {
            return "Tanh";
        }
    }

    /** Drops single values in training (inverted scaling); identity at inference. */
    record Dropout(double rate) implements Elementwise {
        public Dropout {
            dropoutRate(rate);
        }

        @Override
        public String kind() {
            return "Dropout";
        }
    }

    /**
     * One LSTM layer over time steps: a (T, F) input, or a (1, T, F) map read as T steps of F
     * features (rows are time). Outputs every step's state (T, units) with {@code sequences}, else
     * the last step's (units). Two bias vectors per gate, as MXNet's and cuDNN's LSTM have.
     */
    record Lstm(int units, boolean sequences) implements Layer {
        public Lstm {
            positive(units, "units");
        }

        @Override
        public TensorShape output(TensorShape input) {
            int steps = steps(input);
            return sequences ? TensorShape.of(steps, units) : TensorShape.of(units);
        }

        @Override
        public long parameters(TensorShape input) {
            long features = features(input);
            return 4L * units * (features + units + 2);
        }

        static int steps(TensorShape input) {
            if (input.rank() == 2) {
                return input.dim(0);
            }
            if (input.rank() == 3 && input.dim(0) == 1) {
                return input.dim(1);
            }
            throw new IllegalArgumentException("Lstm needs a (steps, features) input or a one-channel (1, steps, features) map, got " + input);
        }

        static int features(TensorShape input) {
            steps(input);
            return input.dim(input.rank() - 1);
        }

        @Override
        public String kind() {
            return "LSTM";
        }
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
