package dev.edgewise.engine.family.crnn;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.links.LinkDraw;
import dev.edgewise.catalog.links.LinkModelRegistry;
import dev.edgewise.catalog.links.LinkShape;
import dev.edgewise.dsl.spec.CommunicationTermSpec;
import dev.edgewise.dsl.spec.CrnnModelSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.PeerExchangeSpec;
import dev.edgewise.dsl.spec.PretrainSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.engine.loss.LossTerms;
import dev.edgewise.engine.loss.Outputs;
import dev.edgewise.engine.model.CommunicatingCrnn;
import dev.edgewise.engine.model.CrnnLayers;
import dev.edgewise.engine.model.Neighbourhood;
import dev.edgewise.engine.task.Task;
import dev.edgewise.engine.task.TaskRegistry;
import dev.edgewise.engine.train.BitAccount;
import dev.edgewise.engine.train.Batches;
import dev.edgewise.engine.train.EvaluationLoop;
import dev.edgewise.engine.train.LinkChannel;
import dev.edgewise.engine.train.NodeSamples;
import dev.edgewise.engine.train.SampleBatch;
import dev.edgewise.engine.train.Seeds;
import dev.edgewise.engine.train.Traffic;
import dev.edgewise.engine.train.TrainingListener;
import dev.edgewise.engine.train.TrainingLoop;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * One communicating C-RNN being trained: the extractor pretrained as a digit classifier, then
 * extractor and cell end to end on the distributed task, both through the shared training loop.
 */
public final class CrnnTraining implements AutoCloseable {

    private static final int CLASSES = 10;
    /** The largest network that exchanges over all pairs (see {@link #edgeList}). */
    static final int ALL_PAIRS_UP_TO = 64;
    /**
     * Above {@link #ALL_PAIRS_UP_TO} nodes, about how many node images one part of a batch sends
     * through the extractor (training and evaluation): memory then stays near that of a 64-node
     * batch of 32 samples whatever N is, and a part is still large enough for the convolutions to
     * run at full speed per image.
     */
    static final int IMAGES_PER_PART = 2048;
    /** The communication term's default temperature, used by the surrogate even when the term is off. */
    private static final double DEFAULT_TEMPERATURE = 0.1;

    private final ExperimentSpec spec;
    private final CrnnModelSpec crnn;
    private final PeerExchangeSpec exchange;
    private final ImageDataset data;
    private final Seeds seeds;
    private final Task task;
    private final LinkModelRegistry links;
    private final SequentialBlock extractor;
    private final CommunicatingCrnn network;
    private final Model pretrainModel;
    private final Model model;
    private final Map<Integer, boolean[][]> graphs;
    /** Each network size's padded edge list, made once. */
    private final Map<Integer, Neighbourhood> neighbourhoods = new java.util.HashMap<>();
    private Trainer trainer;

    /**
     * {@code graphs} maps each network size the run trains or tests on to its adjacency:
     * {@code adjacency[n][j]} is true when node n hears node j.
     */
    public CrnnTraining(ExperimentSpec spec, ImageDataset data, Map<Integer, boolean[][]> graphs, Seeds seeds, LinkModelRegistry links) {
        this.spec = spec;
        this.crnn = (CrnnModelSpec) spec.model();
        this.exchange = (PeerExchangeSpec) spec.exchange();
        this.data = data;
        this.seeds = seeds;
        this.task = TaskRegistry.of(spec.task());
        this.links = links;
        this.graphs = Map.copyOf(graphs);
        // Weight init and dropout masks come from the engine's generator; seed it before any block exists.
        Engine.getInstance().setRandomSeed((int) seeds.derive("engine.init"));
        this.extractor = CrnnLayers.extractor(crnn.features(), crnn.extractor().dropout());
        CommunicationTermSpec communication = spec.loss().term("communication", CommunicationTermSpec.class);
        this.network = new CommunicatingCrnn(
                extractor,
                CrnnLayers.cell(crnn.features(), exchange.messageSize(), crnn.cell().hidden()),
                crnn.features(),
                exchange.messageSize(),
                exchange.rounds(),
                exchange.gate(),
                exchange.aggregation(),
                communication != null ? communication.temperature() : DEFAULT_TEMPERATURE,
                exchange.send() instanceof dev.edgewise.dsl.spec.LogitSendSpec logit ? logit : null,
                communication != null && communication.weight() > 0);
        this.pretrainModel = Model.newInstance("extractor-pretraining");
        this.pretrainModel.setBlock(new SequentialBlock().add(extractor).add(CrnnLayers.classifierHead(crnn.features(), CLASSES)));
        this.model = Model.newInstance(spec.name());
        this.model.setBlock(network);
    }

    public CommunicatingCrnn network() {
        return network;
    }

    /** Pretrains the extractor as a classifier on {@code trainPool}; returns its accuracy on {@code testPool}. */
    public double pretrain(int[] trainPool, int[] testPool, TrainingListener listener) {
        PretrainSpec pretrain = crnn.extractor().pretrain();
        Optimizer sgd = Optimizer.sgd()
                .setLearningRateTracker(Tracker.fixed((float) pretrain.learningRate()))
                .optMomentum((float) pretrain.momentum())
                .build();
        int batch = pretrain.batchSize();
        try (Trainer classifier = pretrainModel.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(sgd))) {
            classifier.initialize(new Shape(batch, 1, 28, 28));
            SplittableRandom order = seeds.stream("pretrain.order");
            TrainingLoop.run(new TrainingLoop.Phase("pretrain", classifier, pretrain.epochs(), (trainPool.length + batch - 1) / batch,
                    epoch -> SampleBatch.cut(Batches.shuffled(trainPool, order), batch, Digits::new),
                    (epoch, meanLoss, samplesPerSecond) -> {
                        Map<String, Double> metrics = new LinkedHashMap<>();
                        metrics.put("pretrain_loss", meanLoss);
                        metrics.put("pretrain_test_accuracy", classifierAccuracy(classifier, testPool, batch));
                        return metrics;
                    }), listener);
            return classifierAccuracy(classifier, testPool, batch);
        }
    }

    /**
     * Trains end to end on every network size in {@code train} (each mini-batch holds samples of
     * one size, batches of all sizes interleaved), evaluating on {@code test} after every epoch.
     */
    public void train(Map<Integer, NodeSamples> train, NodeSamples test, TrainingListener listener) {
        TrainingSpec training = spec.training();
        if (!crnn.extractor().trainable()) {
            extractor.freezeParameters(true);
        }
        trainer = model.newTrainer(new DefaultTrainingConfig(LossTerms.of(spec.loss(), task)).optOptimizer(Batches.optimizer(training)));
        int batch = training.batchSize();
        int first = train.keySet().iterator().next();
        // Parameter shapes do not depend on the batch, but DJL finds a lambda block's output shape by
        // running it on zeros of the input shape: a part's worth of images, not a large network's batch.
        trainer.initialize(new Shape(samplesPerPart(first, batch), first, 1, 28, 28), new Shape(1, exchange.rounds(), first, first),
                new Shape(1, first));
        SplittableRandom order = seeds.stream("train.order");
        SplittableRandom failures = seeds.stream("links.train");
        int batches = 0;
        for (NodeSamples samples : train.values()) {
            batches += (samples.size() + batch - 1) / batch;
        }
        TrainingLoop.run(new TrainingLoop.Phase("train", trainer, training.epochs(), batches, epoch -> {
            List<NodeImages> list = new ArrayList<>();
            for (Map.Entry<Integer, NodeSamples> size : train.entrySet()) {
                LinkChannel channel = channel(size.getKey(), true);
                list.addAll(SampleBatch.cut(Batches.shuffled(Batches.identity(size.getValue().size()), order), batch,
                        (o, start, end) -> new NodeImages(size.getValue(), o, start, end, channel, failures)));
            }
            // Batches of every size interleave, in an order drawn from the same stream.
            Collections.shuffle(list, new Random(order.nextLong()));
            return list;
        }, TrainingLoop.trainAndTest(() -> evaluate(test))), listener);
    }

    /**
     * The trained network in inference mode (no dropout) over every sample, with link and node
     * failures drawn from a stream of their own, the same for every evaluation of a run.
     */
    public Map<String, Double> evaluate(NodeSamples samples) {
        if (trainer == null) {
            throw new IllegalStateException("evaluate() needs train() first");
        }
        int nodes = samples.nodes();
        LinkChannel channel = channel(nodes, false);
        SplittableRandom failures = seeds.stream("links.test.n" + nodes);
        // Inference keeps no activations for a backward pass, but a batch of a large network still
        // sends samples x nodes images through the extractor at once: evaluate it part by part.
        int batch = samplesPerPart(nodes, spec.training().batchSize());
        List<NodeImages> batches = SampleBatch.cut(Batches.identity(samples.size()), batch,
                (order, start, end) -> new NodeImages(samples, order, start, end, channel, failures));
        Task.Score score = task.score();
        Traffic traffic = new Traffic(BitAccount.uniform(nodes, exchange.messageSize(), exchange.bits(), BitAccount.oneHop(nodes), 0, 1),
                nodes * exchange.rounds()).onAir(channel.radio());
        int rounds = exchange.rounds();
        boolean[][] adjacency = graphs.get(nodes);
        Neighbourhood links = neighbourhood(nodes);
        int slots = links.slots();
        boolean edgeList = edgeList(nodes);
        double loss = EvaluationLoop.run(trainer, batches, (b, arrays, outputs) -> {
            float[] y = outputs.get(0).toFloatArray();
            float[] transmits = Outputs.get(outputs, Outputs.SENT).toFloatArray();
            // (B or 1, R, N, slots), or all-pairs (B or 1, R, N, N): whether a receiver heard a sender in round r
            // (link up, sender alive).
            float[] hears = arrays.inputs().get(1).toFloatArray();
            boolean shared = arrays.inputs().get(1).getShape().get(0) == 1;
            long[] spoke = new long[nodes];
            for (int i = 0; i < b.size(); i++) {
                int sample = b.sample(i);
                for (int n = 0; n < nodes; n++) {
                    score.add(y, i * nodes + n, 1, samples.maxDigits()[sample], samples.targets()[sample]);
                }
                traffic.startSample();
                java.util.Arrays.fill(spoke, 0);
                long offered = 0;
                long arrived = 0;
                for (int r = 0; r < rounds; r++) {
                    for (int n = 0; n < nodes; n++) {
                        spoke[n] += transmits[(i * rounds + r) * nodes + n] > 0 ? 1 : 0;
                    }
                    // Every message a neighbour heard or lost: one per link out of each sender that spoke.
                    for (int receiver = 0; receiver < nodes; receiver++) {
                        for (int d = 0; d < slots; d++) {
                            int slot = receiver * slots + d;
                            if (links.real()[slot] && transmits[(i * rounds + r) * nodes + links.senders()[slot]] > 0) {
                                offered++;
                                int at = (((shared ? 0 : i) * rounds + r) * nodes + receiver) * (edgeList ? slots : nodes)
                                        + (edgeList ? d : links.senders()[slot]);
                                arrived += hears[at] > 0 ? 1 : 0;
                            }
                        }
                    }
                }
                for (int n = 0; n < nodes; n++) {
                    traffic.broadcasts(n, spoke[n]);
                }
                traffic.deliveries(arrived, offered);
            }
        });
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss);
        metrics.putAll(score.metrics());
        metrics.putAll(traffic.metrics());
        return metrics;
    }

    /**
     * Who transmitted in each round for one sample, as {@code [round][node]} 0/1 (the paper's
     * Figure 6), under the same test-time failures as {@link #evaluate}.
     */
    public float[][] pattern(NodeSamples samples, int sample) {
        int nodes = samples.nodes();
        int rounds = exchange.rounds();
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NodeImages one = new NodeImages(samples, new int[] {sample}, 0, 1, channel(nodes, false), seeds.stream("links.pattern"));
            float[] flat = Outputs.get(trainer.evaluate(one.arrays(scope).inputs()), Outputs.SENT).toFloatArray();
            float[][] pattern = new float[rounds][nodes];
            for (int r = 0; r < rounds; r++) {
                System.arraycopy(flat, r * nodes, pattern[r], 0, nodes);
            }
            return pattern;
        }
    }

    /** The trained model, for its checkpoint. */
    public Model model() {
        return model;
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.close();
        }
        model.close();
        pretrainModel.close();
    }

    /**
     * Whether batches of {@code nodes} nodes exchange over the edge list (O(links)) rather than all
     * pairs (O(N^2)). Up to {@value #ALL_PAIRS_UP_TO} nodes, where every recorded result lies and the
     * all-pairs cost is small, the all-pairs exchange is kept: its gradient is summed differently
     * (see CommunicatingCrnn), so switching would move those results in their last bits.
     */
    static boolean edgeList(int nodes) {
        return nodes > ALL_PAIRS_UP_TO;
    }

    private Neighbourhood neighbourhood(int nodes) {
        return neighbourhoods.computeIfAbsent(nodes, n -> Neighbourhood.of(graphs.get(n)));
    }

    private LinkChannel channel(int nodes, boolean training) {
        if (!graphs.containsKey(nodes)) {
            throw new IllegalArgumentException("no graph compiled for " + nodes + " nodes");
        }
        return LinkChannel.of(links, spec.links(), training,
                new LinkShape(nodes, nodes, exchange.rounds(), exchange.messageSize(), exchange.bits()));
    }

    private double classifierAccuracy(Trainer classifier, int[] pool, int batch) {
        Task.Score score = TaskRegistry.of(new dev.edgewise.dsl.spec.ClassificationTaskSpec()).score();
        EvaluationLoop.run(classifier, SampleBatch.cut(pool, batch, Digits::new), (b, arrays, outputs) -> {
            float[] scores = outputs.singletonOrThrow().toFloatArray();
            for (int i = 0; i < b.size(); i++) {
                int label = data.labels()[b.sample(i)];
                score.add(scores, i * CLASSES, CLASSES, label, label);
            }
        });
        return score.metrics().get("accuracy");
    }

    /** Single digits with their labels, for pretraining the extractor as a classifier (nothing crosses a link). */
    private final class Digits extends SampleBatch {

        Digits(int[] items, int start, int end) {
            super(items, start, end, null, null);
        }

        @Override
        public TrainingLoop.Arrays arrays(NDManager scope) {
            int pixels = data.height() * data.width();
            float[] images = new float[size() * pixels];
            float[] labels = new float[size()];
            for (int i = 0; i < size(); i++) {
                System.arraycopy(data.pixels(), sample(i) * pixels, images, i * pixels, pixels);
                labels[i] = data.labels()[sample(i)];
            }
            return new TrainingLoop.Arrays(new NDList(scope.create(images, new Shape(size(), 1, data.height(), data.width()))),
                    new NDList(scope.create(labels)));
        }
    }

    /**
     * Samples per part of a batch of {@code nodes}-node samples: the whole batch up to
     * {@value #ALL_PAIRS_UP_TO} nodes (every recorded result ran its batches whole), above that as
     * many samples as keep a part near {@value #IMAGES_PER_PART} images, at least one.
     */
    static int samplesPerPart(int nodes, int batch) {
        return edgeList(nodes) ? Math.max(1, Math.min(batch, IMAGES_PER_PART / nodes)) : batch;
    }

    /** Every node's image of the batch's samples, the link masks of each round, and the targets. */
    private final class NodeImages extends SampleBatch implements TrainingLoop.Parted {
        private final NodeSamples samples;
        private final boolean reliable;
        /** The batch's drawn link masks per slot (failing links above the all-pairs size), made with its first part. */
        private float[] slotMasks;

        NodeImages(NodeSamples samples, int[] order, int start, int end, LinkChannel channel, SplittableRandom failures) {
            super(order, start, end, channel, failures);
            this.samples = samples;
            this.reliable = channel.reliable();
        }

        @Override
        public int[] partSizes() {
            int per = samplesPerPart(samples.nodes(), size());
            int[] sizes = new int[(size() + per - 1) / per];
            for (int k = 0; k < sizes.length; k++) {
                sizes[k] = Math.min(per, size() - k * per);
            }
            return sizes;
        }

        @Override
        public TrainingLoop.Arrays part(NDManager scope, int k) {
            int per = samplesPerPart(samples.nodes(), size());
            return arrays(scope, k * per, Math.min(size(), (k + 1) * per));
        }

        @Override
        public TrainingLoop.Arrays arrays(NDManager scope) {
            return arrays(scope, 0, size());
        }

        /** The arrays of batch positions {@code from..to}; the batch's links are drawn once, with its first part. */
        private TrainingLoop.Arrays arrays(NDManager scope, int from, int to) {
            int nodes = samples.nodes();
            int pixels = data.height() * data.width();
            int count = to - from;
            float[] batch = new float[Math.multiplyExact(count * nodes, pixels)];
            float[] targets = new float[count];
            for (int i = 0; i < count; i++) {
                int[] items = samples.items()[sample(from + i)];
                for (int n = 0; n < nodes; n++) {
                    System.arraycopy(data.pixels(), items[n] * pixels, batch, (i * nodes + n) * pixels, pixels);
                }
                targets[i] = samples.targets()[sample(from + i)];
            }
            NDArray images = scope.create(batch, new Shape(count, nodes, 1, data.height(), data.width()));
            Neighbourhood links = neighbourhood(nodes);
            int rounds = exchange.rounds();
            if (!edgeList(nodes)) {
                LinkDraw draw = drawLinks();
                float[] hears = draw.messageMask();
                boolean[][] adjacency = graphs.get(nodes);
                for (int k = 0; k < hears.length; k++) {
                    // messageMask is (sample, round, receiver, sender): a message reaches only a neighbour.
                    if (!adjacency[(k / nodes) % nodes][k % nodes]) {
                        hears[k] = 0f;
                    }
                }
                return new TrainingLoop.Arrays(new NDList(images, scope.create(hears, new Shape(draw.samples(), rounds, nodes, nodes)),
                        scope.create(draw.alive(), new Shape(draw.samples(), nodes))), new NDList(scope.create(targets)));
            }
            int drawn;
            float[] hears;
            float[] alive;
            if (reliable) {
                // Nothing can be lost: every link is up and every node alive, whatever a draw would say,
                // so none is made (O(links), not O(N^2), for the fault-free networks most runs train on).
                drawn = 1;
                hears = links.allUp(rounds);
                alive = new float[nodes];
                java.util.Arrays.fill(alive, 1f);
            } else {
                // The same all-pairs draw as always, once for the batch (so the random stream stays as it
                // was), read at the links: (sample, round, receiver, sender) -> (sample, round, receiver, slot),
                // then at this part's samples.
                if (slotMasks == null) {
                    LinkDraw draw = drawLinks();
                    slotMasks = links.fromDense(draw.messageMask(), draw.samples(), rounds);
                }
                LinkDraw draw = links();
                boolean shared = draw.samples() == 1;
                drawn = shared ? 1 : count;
                int first = shared ? 0 : from;
                int perSample = rounds * links.senders().length;
                hears = java.util.Arrays.copyOfRange(slotMasks, first * perSample, (first + drawn) * perSample);
                alive = java.util.Arrays.copyOfRange(draw.alive(), first * nodes, (first + drawn) * nodes);
            }
            return new TrainingLoop.Arrays(new NDList(images, scope.create(hears, new Shape(drawn, rounds, nodes, links.slots())),
                    scope.create(alive, new Shape(drawn, nodes)), scope.create(links.senders())), new NDList(scope.create(targets)));
        }
    }
}
