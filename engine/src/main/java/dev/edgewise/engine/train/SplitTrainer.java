package dev.edgewise.engine.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.data.NodeView;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.RoleStacks;
import dev.edgewise.catalog.layers.TensorShape;
import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.SensorSpec;
import dev.edgewise.dsl.spec.TaskSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.engine.model.LayerBlocks;
import dev.edgewise.engine.model.MessageQuantizer;
import dev.edgewise.engine.model.SplitNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains and evaluates the upward family (split inference) as its spec says: sensor nodes and a
 * base station as one DNN, end to end, with the links failing as links.* says and every bit sent
 * counted by a {@link BitAccount}.
 */
public final class SplitTrainer implements AutoCloseable {

    private final ExperimentSpec spec;
    private final ImageDataset data;
    private final Seeds seeds;
    private final NodeView view;
    private final int nodes;
    private final TensorShape nodeInput;
    private final LayerStack sensorStack;
    private final LayerStack baseStack;
    private final SplitNetwork network;
    private final BitAccount account;
    private final Model model;
    private Trainer trainer;

    public SplitTrainer(ExperimentSpec spec, ImageDataset data, boolean[][] adjacency, Seeds seeds) {
        this.spec = spec;
        this.data = data;
        this.seeds = seeds;
        this.view = NodeView.of(spec.data());
        this.nodes = spec.topology().nodes();
        this.nodeInput = view.shape(data.height(), data.width());
        ExchangeSpec exchange = spec.exchange();
        SensorSpec sensor = spec.model().roles().sensor();
        boolean atBase = sensor.placement() == SensorSpec.Placement.BASE;
        this.sensorStack = RoleStacks.sensor(sensor, nodeInput, exchange.messageSize());
        int sent = (int) sensorStack.output().elements();
        this.baseStack = RoleStacks.base(spec.model().roles().base(), nodes * sent);
        Engine.getInstance().setRandomSeed((int) seeds.derive("engine.init"));
        this.network = new SplitNetwork(() -> LayerBlocks.of(sensorStack), sensor.tied(), LayerBlocks.of(baseStack), nodes,
                exchange.messageSize(), MessageQuantizer.of(exchange.quantization()), spec.links().lostOrZero(), atBase);
        int[] hops = exchange.routeOrDirect() == ExchangeSpec.Route.HOPS ? BitAccount.hopsToNodeZero(adjacency) : ones(nodes);
        long raw = nodeInput.elements();
        this.account = atBase
                ? BitAccount.uniform(nodes, raw, data.bitsPerValue(), hops, raw, data.bitsPerValue())
                : BitAccount.uniform(nodes, sent, exchange.quantizedBits() != null ? exchange.quantizedBits() : exchange.bits(), hops, raw,
                        data.bitsPerValue());
        this.model = Model.newInstance(spec.name());
        model.setBlock(network);
    }

    public BitAccount account() {
        return account;
    }

    public LayerStack sensorStack() {
        return sensorStack;
    }

    public LayerStack baseStack() {
        return baseStack;
    }

    /** Trains for training.epochs over {@code train}, evaluating on {@code test} after every epoch. */
    public void train(SplitSamples train, SplitSamples test, TrainingListener listener) {
        TrainingSpec training = spec.training();
        trainer = model.newTrainer(new DefaultTrainingConfig(loss()).optOptimizer(Batches.optimizer(training)));
        int batch = training.batchSize();
        trainer.initialize(new Shape(batch, nodes).addAll(new Shape(toLong(nodeInput.dims()))), new Shape(1, nodes));
        SplittableRandom order = seeds.stream("train.order");
        SplittableRandom failures = seeds.stream("links.train");
        boolean failInTraining = spec.links().inTraining();
        listener.phaseStarted("train", training.epochs(), (train.size() + batch - 1) / batch);
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            int[] shuffled = Batches.shuffled(Batches.identity(train.size()), order);
            double lossSum = 0;
            long started = System.nanoTime();
            for (int start = 0; start < shuffled.length; start += batch) {
                int end = Math.min(start + batch, shuffled.length);
                try (NDManager scope = trainer.getManager().newSubManager()) {
                    Delivery delivery = Delivery.draw(end - start, nodes, failInTraining ? spec.links() : null, failures);
                    NDList inputs = inputs(scope, train, shuffled, start, end, delivery);
                    NDList labels = new NDList(labels(scope, train, shuffled, start, end));
                    lossSum += step(inputs, labels) * (end - start);
                }
                listener.batchFinished("train");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("train_loss", lossSum / train.size());
            metrics.put("train_samples_per_second", train.size() / seconds);
            metrics.putAll(prefixed("test_", evaluate(test)));
            listener.epochFinished("train", epoch, metrics);
        }
    }

    /**
     * The trained network on {@code samples} in inference mode (hard quantization, no dropout), with
     * failures drawn from a test stream of their own, the same for every evaluation of a run.
     */
    public Map<String, Double> evaluate(SplitSamples samples) {
        if (trainer == null) {
            throw new IllegalStateException("evaluate() needs train() first");
        }
        SplittableRandom failures = seeds.stream("links.test");
        int batch = spec.training().batchSize();
        int[] all = Batches.identity(samples.size());
        boolean classification = spec.task().kind() == TaskSpec.Kind.CLASSIFICATION;
        double lossSum = 0, correct = 0, squared = 0, bits = 0, messages = 0, delivered = 0;
        for (int start = 0; start < all.length; start += batch) {
            int end = Math.min(start + batch, all.length);
            try (NDManager scope = trainer.getManager().newSubManager()) {
                Delivery delivery = Delivery.draw(end - start, nodes, spec.links(), failures);
                NDList inputs = inputs(scope, samples, all, start, end, delivery);
                NDList labels = new NDList(labels(scope, samples, all, start, end));
                NDList outputs = trainer.evaluate(inputs);
                lossSum += trainer.getLoss().evaluate(labels, outputs).getFloat() * (end - start);
                float[] y = outputs.singletonOrThrow().toFloatArray();
                int width = y.length / (end - start);
                for (int i = 0; i < end - start; i++) {
                    int sample = all[start + i];
                    if (classification) {
                        correct += argMax(y, i * width, width) == samples.labels()[sample] ? 1 : 0;
                    } else {
                        double out = y[i * width];
                        double error = out - samples.targets()[sample];
                        squared += error * error;
                        boolean right = spec.task().kind() == TaskSpec.Kind.MAX
                                ? Math.round(out * 9) == samples.labels()[sample]
                                : (out > 0.5 ? 1 : 0) == samples.labels()[sample] % 2;
                        correct += right ? 1 : 0;
                    }
                    boolean[] sends = delivery.transmits(i);
                    bits += account.bits(sends);
                    messages += account.messages(sends);
                    delivered += delivery.deliveredCount(i);
                }
            }
        }
        double n = samples.size();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", lossSum / n);
        metrics.put("accuracy", correct / n);
        if (!classification) {
            metrics.put("rmse", Math.sqrt(squared / n));
        }
        metrics.put("bits_per_sample", bits / n);
        metrics.put("bytes_per_sample", bits / n / 8.0);
        metrics.put("messages_per_sample", messages / n);
        metrics.put("raw_bits_per_sample", (double) account.rawBitsPerSample());
        metrics.put("bits_saving", account.saving(bits / n));
        metrics.put("delivered_fraction", delivered / (n * nodes));
        return metrics;
    }

    /**
     * Post-training weight quantization at each of {@code bitWidths}: the test metrics of the
     * network with its weights rounded per tensor (biases kept), and the bytes it takes.
     */
    public Map<String, Double> weightQuantization(SplitSamples test, int... bitWidths) {
        return PostTrainingQuantization.measure(network, network.sensors().get(0), () -> evaluate(test), bitWidths);
    }

    /** Writes the trained parameters (DJL's .params format) into {@code dir}; returns the file. */
    public Path saveParameters(Path dir) throws IOException {
        model.save(dir, spec.name());
        return dir.resolve(String.format("%s-0000.params", spec.name()));
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.close();
        }
        model.close();
    }

    private Loss loss() {
        return spec.task().kind() == TaskSpec.Kind.CLASSIFICATION ? Loss.softmaxCrossEntropyLoss() : new MeanSquaredLoss();
    }

    private float step(NDList inputs, NDList labels) {
        float value;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(inputs, labels);
            NDArray loss = trainer.getLoss().evaluate(labels, predictions);
            collector.backward(loss);
            value = loss.getFloat();
        }
        trainer.step();
        return value;
    }

    private NDList inputs(NDManager scope, SplitSamples samples, int[] order, int start, int end, Delivery delivery) {
        float[] values = samples.inputs(data, view, nodes, order, start, end);
        NDArray x = scope.create(values, new Shape(end - start, nodes).addAll(new Shape(toLong(nodeInput.dims()))));
        NDArray mask = scope.create(delivery.mask(), new Shape(delivery.rows(), nodes));
        return new NDList(x, mask);
    }

    private NDArray labels(NDManager scope, SplitSamples samples, int[] order, int start, int end) {
        float[] out = new float[end - start];
        boolean classification = spec.task().kind() == TaskSpec.Kind.CLASSIFICATION;
        for (int i = start; i < end; i++) {
            out[i - start] = classification ? samples.labels()[order[i]] : samples.targets()[order[i]];
        }
        return scope.create(out);
    }

    private static int argMax(float[] values, int from, int width) {
        int best = 0;
        for (int k = 1; k < width; k++) {
            if (values[from + k] > values[from + best]) {
                best = k;
            }
        }
        return best;
    }

    private static Map<String, Double> prefixed(String prefix, Map<String, Double> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    private static int[] ones(int n) {
        int[] out = new int[n];
        java.util.Arrays.fill(out, 1);
        return out;
    }

    private static long[] toLong(int[] dims) {
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i];
        }
        return out;
    }
}
