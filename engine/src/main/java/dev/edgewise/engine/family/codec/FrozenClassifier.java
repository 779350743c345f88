package dev.edgewise.engine.family.codec;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.spec.ClassifierSpec;
import dev.edgewise.engine.train.Batches;
import java.util.SplittableRandom;

/**
 * The classifier that measures decoded images in place of the paper's ImageNet networks (none are
 * reachable here): trained by the run on original images with their labels, then frozen. Its
 * accuracy on decoded images is the task quality; the mean squared difference of its hidden
 * activations between an original and its decoding is the perceptual distance (the paper's
 * perceptual loss compares a pretrained network's feature maps the same way).
 */
final class FrozenClassifier implements AutoCloseable {

    private final Model model;
    private final Trainer trainer;
    private final int pixels;
    private final int batch;
    /**
     * Copies of the trained weights for {@link #judge}: plain arrays that never had a gradient
     * attached, so a loss computed through them changes nothing of the classifier (no gradient
     * reaches its parameters, and no optimizer holds them) while its gradient flows into the images.
     */
    private final NDManager frozen;
    private final NDArray[] weights;

    private FrozenClassifier(Model model, Trainer trainer, int pixels, int batch) {
        this.model = model;
        this.trainer = trainer;
        this.pixels = pixels;
        this.batch = batch;
        this.frozen = model.getNDManager().newSubManager();
        Net net = (Net) model.getBlock();
        this.weights = new NDArray[] {copy(net.hidden, "weight"), copy(net.hidden, "bias"), copy(net.head, "weight"), copy(net.head, "bias")};
    }

    private NDArray copy(Linear layer, String name) {
        NDArray array = layer.getParameters().get(name).getArray();
        return frozen.create(array.toFloatArray(), array.getShape());
    }

    /**
     * The frozen classifier on {@code images} ({@code (B, pixels)}), differentiable with respect to
     * the images only: {class scores (B, classes), hidden activations (B, hidden)}. Bit for bit the
     * network {@link #tally} measures with.
     */
    NDList judge(NDArray images) {
        NDArray features = ai.djl.nn.Activation.relu(Linear.linear(images, weights[0], weights[1]).singletonOrThrow());
        NDArray scores = Linear.linear(features, weights[2], weights[3]).singletonOrThrow();
        return new NDList(scores, features);
    }

    /** The trained parameters' values, for a test that the classifier stays frozen. */
    float[][] parameterValues() {
        return model.getBlock().getParameters().values().stream().map(p -> p.getArray().toFloatArray()).toArray(float[][]::new);
    }

    /**
     * Trains a classifier on {@code count} images of {@code pool} (items of {@code data}), drawn in
     * a seeded order, for the spec's epochs; the engine's generator is seeded from {@code initSeed}
     * first, so the classifier is the same on every run of the spec.
     */
    static FrozenClassifier train(ClassifierSpec spec, ImageDataset data, int[] pool, int count, int batch, long initSeed,
            SplittableRandom order) {
        int pixels = data.valuesPerImage();
        int[] items = new int[count];
        int[] shuffled = Batches.shuffled(pool, order);
        for (int i = 0; i < count; i++) {
            items[i] = shuffled[i % shuffled.length];
        }
        Engine.getInstance().setRandomSeed((int) initSeed);
        Model model = Model.newInstance("classifier");
        model.setBlock(new Net(spec.hidden(), data.classes()));
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) spec.learningRate())).build();
        // The loss is computed below (the network returns logits and features); the config's is never called.
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam));
        trainer.initialize(new Shape(batch, pixels));
        for (int epoch = 0; epoch < spec.epochs(); epoch++) {
            int[] epochOrder = Batches.shuffled(Batches.identity(count), order);
            for (int start = 0; start < count; start += batch) {
                int end = Math.min(count, start + batch);
                try (NDManager scope = trainer.getManager().newSubManager(); GradientCollector collector = trainer.newGradientCollector()) {
                    float[] x = new float[(end - start) * pixels];
                    float[] y = new float[end - start];
                    for (int i = start; i < end; i++) {
                        int item = items[epochOrder[i]];
                        System.arraycopy(data.pixels(), item * pixels, x, (i - start) * pixels, pixels);
                        y[i - start] = data.labels()[item];
                    }
                    NDArray logits = trainer.forward(new NDList(scope.create(x, new Shape(end - start, pixels)))).get(0);
                    NDArray picked = logits.logSoftmax(1).mul(scope.create(y).oneHot(data.classes())).sum(new int[] {1});
                    collector.backward(picked.neg().mean());
                }
                trainer.step();
            }
        }
        return new FrozenClassifier(model, trainer, pixels, batch);
    }

    /** Class scores and hidden activations of {@code n} images ({@code n x pixels}, row-major), in inference mode. */
    private float[][] run(float[] images, int n) {
        float[] logits = null;
        float[] features = null;
        int classes = 0;
        int hidden = 0;
        for (int start = 0; start < n; start += batch) {
            int end = Math.min(n, start + batch);
            try (NDManager scope = trainer.getManager().newSubManager()) {
                float[] x = java.util.Arrays.copyOfRange(images, start * pixels, end * pixels);
                NDList out = trainer.evaluate(new NDList(scope.create(x, new Shape(end - start, pixels))));
                classes = (int) out.get(0).getShape().get(1);
                hidden = (int) out.get(1).getShape().get(1);
                if (logits == null) {
                    logits = new float[n * classes];
                    features = new float[n * hidden];
                }
                System.arraycopy(out.get(0).toFloatArray(), 0, logits, start * classes, (end - start) * classes);
                System.arraycopy(out.get(1).toFloatArray(), 0, features, start * hidden, (end - start) * hidden);
            }
        }
        return new float[][] {logits, features, {classes, hidden}};
    }

    /** A tally of decoded images against their originals. */
    Tally tally() {
        return new Tally();
    }

    /** Accumulates, over batches, the classifier's hits on decoded and original images and the feature distances. */
    final class Tally {
        private long images;
        private long hits;
        private long originalHits;
        private double distance;

        /** Adds {@code n} images: {@code originals} and {@code decoded} ({@code n x pixels}) and their labels. */
        void add(float[] originals, float[] decoded, int[] labels, int n) {
            if (n == 0) {
                return;
            }
            float[][] sent = run(originals, n);
            float[][] received = run(decoded, n);
            int classes = (int) sent[2][0];
            int hidden = (int) sent[2][1];
            for (int i = 0; i < n; i++) {
                if (argmax(received[0], i * classes, classes) == labels[i]) {
                    hits++;
                }
                if (argmax(sent[0], i * classes, classes) == labels[i]) {
                    originalHits++;
                }
                double sum = 0;
                for (int k = 0; k < hidden; k++) {
                    double d = sent[1][i * hidden + k] - received[1][i * hidden + k];
                    sum += d * d;
                }
                distance += sum / hidden;
            }
            images += n;
        }

        /** Fraction of decoded images classified as their label. */
        double accuracy() {
            return hits / (double) images;
        }

        /** The same on the originals: the most a codec can keep. */
        double originalAccuracy() {
            return originalHits / (double) images;
        }

        /** Mean over images of the mean squared difference of hidden activations, decoded against original. */
        double perceptualDistance() {
            return distance / images;
        }
    }

    private static int argmax(float[] values, int offset, int length) {
        int best = 0;
        for (int k = 1; k < length; k++) {
            if (values[offset + k] > values[offset + best]) {
                best = k;
            }
        }
        return best;
    }

    @Override
    public void close() {
        frozen.close();
        trainer.close();
        model.close();
    }

    /** One hidden ReLU layer (the features) and a linear layer to the class scores; returns {scores, features}. */
    private static final class Net extends AbstractBlock {
        private final Linear hidden;
        private final Linear head;

        Net(int units, int classes) {
            this.hidden = addChildBlock("hidden", Linear.builder().setUnits(units).build());
            this.head = addChildBlock("head", Linear.builder().setUnits(classes).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray features = ai.djl.nn.Activation.relu(hidden.forward(store, inputs, training).singletonOrThrow());
            NDArray scores = head.forward(store, new NDList(features), training).singletonOrThrow();
            return new NDList(scores, features);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape features = hidden.getOutputShapes(inputShapes)[0];
            return new Shape[] {head.getOutputShapes(new Shape[] {features})[0], features};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            hidden.initialize(manager, dataType, inputShapes[0]);
            head.initialize(manager, dataType, hidden.getOutputShapes(inputShapes)[0]);
        }
    }
}
