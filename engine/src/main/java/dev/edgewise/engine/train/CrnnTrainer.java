package dev.edgewise.engine.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.PretrainSpec;
import dev.edgewise.dsl.spec.TaskSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.engine.model.CommunicatingCrnn;
import dev.edgewise.engine.model.CrnnLayers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Trains one communicating C-RNN as its spec says: pretrain the extractor as a digit classifier,
 * then train extractor and cell end to end on the distributed task.
 */
public final class CrnnTrainer implements AutoCloseable {

    private static final int CLASSES = 10;

    private final ExperimentSpec spec;
    private final ImageDataset data;
    private final Seeds seeds;
    private final SequentialBlock extractor;
    private final CommunicatingCrnn network;
    private final Model pretrainModel;
    private final Model model;
    private final Map<Integer, boolean[][]> graphs;
    private Trainer trainer;

    /**
     * {@code graphs} maps each network size the run trains or tests on to its adjacency:
     * {@code adjacency[n][j]} is true when node n hears node j.
     */
    public CrnnTrainer(ExperimentSpec spec, ImageDataset data, Map<Integer, boolean[][]> graphs, Seeds seeds) {
        this.spec = spec;
        this.data = data;
        this.seeds = seeds;
        this.graphs = Map.copyOf(graphs);
        // Weight init and dropout masks come from the engine's generator; seed it before any block exists.
        Engine.getInstance().setRandomSeed((int) seeds.derive("engine.init"));
        this.extractor = CrnnLayers.extractor(spec.model().features(), spec.model().extractor().dropout());
        this.network = new CommunicatingCrnn(
                extractor,
                CrnnLayers.cell(spec.model().features(), spec.exchange().messageSize(), spec.model().cell().hidden()),
                spec.model().features(),
                spec.exchange().messageSize(),
                spec.exchange().rounds(),
                spec.exchange().gate(),
                spec.exchange().aggregation(),
                spec.loss().communicationTemperature());
        this.pretrainModel = Model.newInstance("extractor-pretraining");
        this.pretrainModel.setBlock(new SequentialBlock().add(extractor).add(CrnnLayers.classifierHead(spec.model().features(), CLASSES)));
        this.model = Model.newInstance(spec.name());
        this.model.setBlock(network);
    }

    public CommunicatingCrnn network() {
        return network;
    }

    /** Pretrains the extractor as a classifier on {@code trainPool}; returns its accuracy on {@code testPool}. */
    public double pretrain(int[] trainPool, int[] testPool, TrainingListener listener) {
        PretrainSpec pretrain = spec.model().extractor().pretrain();
        Optimizer sgd = Optimizer.sgd()
                .setLearningRateTracker(Tracker.fixed((float) pretrain.learningRate()))
                .optMomentum((float) pretrain.momentum())
                .build();
        int batch = pretrain.batchSize();
        try (Trainer classifier = pretrainModel.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(sgd))) {
            classifier.initialize(new Shape(batch, 1, 28, 28));
            SplittableRandom order = seeds.stream("pretrain.order");
            int batches = (trainPool.length + batch - 1) / batch;
            listener.phaseStarted("pretrain", pretrain.epochs(), batches);
            for (int epoch = 1; epoch <= pretrain.epochs(); epoch++) {
                int[] shuffled = Batches.shuffled(trainPool, order);
                double lossSum = 0;
                for (int start = 0; start < shuffled.length; start += batch) {
                    int end = Math.min(start + batch, shuffled.length);
                    try (NDManager scope = classifier.getManager().newSubManager()) {
                        NDArray images = images(scope, shuffled, start, end);
                        NDArray labels = labels(scope, shuffled, start, end);
                        lossSum += step(classifier, new NDList(images), new NDList(labels)) * (end - start);
                    }
                    listener.batchFinished("pretrain");
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("pretrain_loss", lossSum / shuffled.length);
                metrics.put("pretrain_test_accuracy", classifierAccuracy(classifier, testPool, batch));
                listener.epochFinished("pretrain", epoch, metrics);
            }
            return classifierAccuracy(classifier, testPool, batch);
        }
    }

    /**
     * Trains end to end on every network size in {@code train} (each mini-batch holds samples of
     * one size, batches of all sizes interleaved), evaluating on {@code test} after every epoch.
     */
    public void train(Map<Integer, NodeSamples> train, NodeSamples test, TrainingListener listener) {
        TrainingSpec training = spec.training();
        if (!spec.model().extractor().trainable()) {
            extractor.freezeParameters(true);
        }
        trainer = model.newTrainer(new DefaultTrainingConfig(new CrnnLoss(
                        spec.loss().weight("task"), spec.loss().weight("communication"), spec.loss().communicationBudget()))
                .optOptimizer(Batches.optimizer(training)));
        int batch = training.batchSize();
        int first = train.keySet().iterator().next();
        trainer.initialize(new Shape(batch, first, 1, 28, 28), new Shape(1, spec.exchange().rounds(), first, first), new Shape(1, first));
        SplittableRandom order = seeds.stream("train.order");
        SplittableRandom failures = seeds.stream("links.train");
        boolean failInTraining = spec.links().inTraining();
        List<int[]> batches = new ArrayList<>();
        Map<Integer, int[]> orders = new HashMap<>();
        int total = 0;
        for (NodeSamples samples : train.values()) {
            total += samples.size();
        }
        listener.phaseStarted("train", training.epochs(), batchCount(train.values(), batch));
        for (int epoch = 1; epoch <= training.epochs(); epoch++) {
            batches.clear();
            ((CrnnLoss) trainer.getLoss()).scaleCommunication(spec.loss().communicationScale(epoch));
            for (Map.Entry<Integer, NodeSamples> size : train.entrySet()) {
                int[] shuffled = Batches.shuffled(Batches.identity(size.getValue().size()), order);
                for (int start = 0; start < shuffled.length; start += batch) {
                    batches.add(new int[] {size.getKey(), start});
                }
                orders.put(size.getKey(), shuffled);
            }
            Collections.shuffle(batches, new Random(order.nextLong()));
            double lossSum = 0;
            long started = System.nanoTime();
            for (int[] next : batches) {
                NodeSamples samples = train.get(next[0]);
                int[] shuffled = orders.get(next[0]);
                int end = Math.min(next[1] + batch, shuffled.length);
                try (NDManager scope = trainer.getManager().newSubManager()) {
                    NDList inputs = inputs(scope, samples, shuffled, next[1], end, sampler(next[0], failInTraining), failures);
                    NDArray targets = scope.create(gather(samples.targets(), shuffled, next[1], end));
                    lossSum += step(trainer, inputs, new NDList(targets)) * (end - next[1]);
                }
                listener.batchFinished("train");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("train_loss", lossSum / total);
            metrics.put("train_samples_per_second", total / seconds);
            metrics.putAll(evaluate(test).metrics("test_"));
            listener.epochFinished("train", epoch, metrics);
        }
    }

    private static int batchCount(Iterable<NodeSamples> sets, int batch) {
        int count = 0;
        for (NodeSamples samples : sets) {
            count += (samples.size() + batch - 1) / batch;
        }
        return count;
    }

    private LinkSampler sampler(int nodes, boolean withFailures) {
        boolean[][] adjacency = graphs.get(nodes);
        if (adjacency == null) {
            throw new IllegalArgumentException("no graph compiled for " + nodes + " nodes");
        }
        return withFailures
                ? new LinkSampler(adjacency, spec.exchange().rounds(), spec.links().failure(), spec.links().nodeFailure())
                : new LinkSampler(adjacency, spec.exchange().rounds(), 0, 0);
    }

    /**
     * Runs the trained network in inference mode (no dropout) over every sample, with link and
     * node failures drawn from a stream of their own, the same for every evaluation of a run.
     */
    public Evaluation evaluate(NodeSamples samples) {
        if (trainer == null) {
            throw new IllegalStateException("evaluate() needs train() first");
        }
        int nodes = samples.nodes();
        LinkSampler sampler = sampler(nodes, true);
        SplittableRandom failures = seeds.stream("links.test.n" + nodes);
        int batch = spec.training().batchSize();
        int rounds = spec.exchange().rounds();
        TaskSpec.Kind task = spec.task().kind();
        int[] all = Batches.identity(samples.size());
        CrnnLoss loss = (CrnnLoss) trainer.getLoss();
        double lossSum = 0, squared = 0, relative = 0, correct = 0, sent = 0;
        long relativeCount = 0, zeroTargets = 0;
        for (int start = 0; start < all.length; start += batch) {
            int end = Math.min(start + batch, all.length);
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDList inputs = inputs(scope, samples, all, start, end, sampler, failures);
                NDList outputs = trainer.evaluate(inputs);
                float[] targets = gather(samples.targets(), all, start, end);
                lossSum += loss.evaluate(new NDList(scope.create(targets)), outputs).getFloat() * (end - start);
                float[] y = outputs.get(0).toFloatArray();
                float[] transmits = outputs.get(1).toFloatArray();
                for (int i = 0; i < end - start; i++) {
                    float target = targets[i];
                    int maxDigit = samples.maxDigits()[start + i];
                    for (int n = 0; n < nodes; n++) {
                        double out = y[i * nodes + n];
                        double error = out - target;
                        squared += error * error;
                        if (target != 0f) {
                            relative += Math.abs(error) / Math.abs(target);
                            relativeCount++;
                        } else {
                            zeroTargets++;
                        }
                        boolean right = task == TaskSpec.Kind.MAX
                                ? Math.round(out * 9) == maxDigit
                                : (out > 0.5 ? 1 : 0) == maxDigit % 2;
                        correct += right ? 1 : 0;
                    }
                }
                for (float t : transmits) {
                    sent += t;
                }
            }
        }
        double outputsCount = (double) samples.size() * nodes;
        double messagesPerSample = sent / samples.size();
        return new Evaluation(
                lossSum / samples.size(),
                Math.sqrt(squared / outputsCount),
                relativeCount == 0 ? Double.NaN : 100.0 * relative / relativeCount,
                correct / outputsCount,
                sent / (outputsCount * rounds),
                messagesPerSample,
                messagesPerSample * spec.exchange().messageSize() * spec.exchange().bits() / 8.0,
                zeroTargets);
    }

    /**
     * Who transmitted in each round for one sample, as {@code [round][node]} 0/1 (the paper's
     * Figure 6), under the same test-time failures as {@link #evaluate}.
     */
    public float[][] pattern(NodeSamples samples, int sample) {
        int nodes = samples.nodes();
        int rounds = spec.exchange().rounds();
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDList inputs = inputs(scope, samples, new int[] {sample}, 0, 1, sampler(nodes, true), seeds.stream("links.pattern"));
            float[] flat = trainer.evaluate(inputs).get(1).toFloatArray();
            float[][] pattern = new float[rounds][nodes];
            for (int r = 0; r < rounds; r++) {
                System.arraycopy(flat, r * nodes, pattern[r], 0, nodes);
            }
            return pattern;
        }
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
        pretrainModel.close();
    }

    private static float step(Trainer trainer, NDList inputs, NDList labels) {
        float loss;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(inputs, labels);
            NDArray value = trainer.getLoss().evaluate(labels, predictions);
            collector.backward(value);
            loss = value.getFloat();
        }
        trainer.step();
        return loss;
    }

    private double classifierAccuracy(Trainer classifier, int[] pool, int batch) {
        long correct = 0;
        for (int start = 0; start < pool.length; start += batch) {
            int end = Math.min(start + batch, pool.length);
            try (NDManager scope = classifier.getManager().newSubManager()) {
                long[] predicted = classifier.evaluate(new NDList(images(scope, pool, start, end)))
                        .singletonOrThrow().argMax(1).toLongArray();
                for (int i = 0; i < predicted.length; i++) {
                    correct += predicted[i] == data.labels()[pool[start + i]] ? 1 : 0;
                }
            }
        }
        return (double) correct / pool.length;
    }

    private NDList inputs(NDManager scope, NodeSamples samples, int[] order, int start, int end, LinkSampler sampler,
            SplittableRandom failures) {
        int nodes = samples.nodes();
        int pixels = data.height() * data.width();
        float[] batch = new float[(end - start) * nodes * pixels];
        for (int i = start; i < end; i++) {
            int[] items = samples.items()[order[i]];
            for (int n = 0; n < nodes; n++) {
                System.arraycopy(data.pixels(), items[n] * pixels, batch, ((i - start) * nodes + n) * pixels, pixels);
            }
        }
        NDArray images = scope.create(batch, new Shape(end - start, nodes, 1, data.height(), data.width()));
        LinkSampler.Masks masks = sampler.draw(end - start, failures);
        NDArray links = scope.create(masks.links(), new Shape(masks.samples(), spec.exchange().rounds(), nodes, nodes));
        NDArray alive = scope.create(masks.alive(), new Shape(masks.samples(), nodes));
        return new NDList(images, links, alive);
    }

    private NDArray images(NDManager scope, int[] items, int start, int end) {
        int pixels = data.height() * data.width();
        float[] batch = new float[(end - start) * pixels];
        for (int i = start; i < end; i++) {
            System.arraycopy(data.pixels(), items[i] * pixels, batch, (i - start) * pixels, pixels);
        }
        return scope.create(batch, new Shape(end - start, 1, data.height(), data.width()));
    }

    private NDArray labels(NDManager scope, int[] items, int start, int end) {
        float[] labels = new float[end - start];
        for (int i = start; i < end; i++) {
            labels[i - start] = data.labels()[items[i]];
        }
        return scope.create(labels);
    }

    private static float[] gather(float[] values, int[] order, int start, int end) {
        float[] out = new float[end - start];
        for (int i = start; i < end; i++) {
            out[i - start] = values[order[i]];
        }
        return out;
    }
}
