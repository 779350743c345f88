package dev.edgewise.engine.family.split;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.data.NodeView;
import dev.edgewise.catalog.layers.LayerStack;
import dev.edgewise.catalog.layers.RoleStacks;
import dev.edgewise.catalog.layers.TensorShape;
import dev.edgewise.catalog.links.LinkDraw;
import dev.edgewise.catalog.links.LinkModelRegistry;
import dev.edgewise.catalog.links.LinkShape;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.SensorSpec;
import dev.edgewise.dsl.spec.SplitModelSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.engine.loss.LossTerms;
import dev.edgewise.engine.model.LayerBlocks;
import dev.edgewise.engine.model.MessageQuantizer;
import dev.edgewise.engine.model.SplitNetwork;
import dev.edgewise.engine.task.Task;
import dev.edgewise.engine.task.TaskRegistry;
import dev.edgewise.engine.train.Batches;
import dev.edgewise.engine.train.BitAccount;
import dev.edgewise.engine.train.EvaluationLoop;
import dev.edgewise.engine.train.LinkChannel;
import dev.edgewise.engine.train.PostTrainingQuantization;
import dev.edgewise.engine.train.SampleBatch;
import dev.edgewise.engine.train.Seeds;
import dev.edgewise.engine.train.SplitSamples;
import dev.edgewise.engine.train.Traffic;
import dev.edgewise.engine.train.TrainingListener;
import dev.edgewise.engine.train.TrainingLoop;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One split-inference network being trained: sensor nodes and a base station as one DNN, end to
 * end through the shared loop, with the links failing as links.* says and every bit sent counted.
 */
final class SplitTraining implements AutoCloseable {

    private final ExperimentSpec spec;
    private final UpwardExchangeSpec exchange;
    private final ImageDataset data;
    private final Seeds seeds;
    private final Task task;
    private final LinkModelRegistry links;
    private final NodeView view;
    private final int nodes;
    private final TensorShape nodeInput;
    private final LayerStack sensorStack;
    private final LayerStack baseStack;
    private final SplitNetwork network;
    private final BitAccount account;
    private final LinkShape shape;
    private final Model model;
    private Trainer trainer;

    SplitTraining(ExperimentSpec spec, ImageDataset data, boolean[][] adjacency, Seeds seeds, LinkModelRegistry links) {
        this.spec = spec;
        this.exchange = (UpwardExchangeSpec) spec.exchange();
        this.data = data;
        this.seeds = seeds;
        this.task = TaskRegistry.of(spec.task());
        this.links = links;
        this.view = NodeView.of(spec.data());
        this.nodes = spec.topology().nodes();
        this.nodeInput = view.shape(data.height(), data.width());
        SplitModelSpec roles = (SplitModelSpec) spec.model();
        SensorSpec sensor = roles.sensor();
        boolean atBase = sensor.placement() == SensorSpec.Placement.BASE;
        this.sensorStack = RoleStacks.sensor(sensor, nodeInput, exchange.messageSize());
        int sent = (int) sensorStack.output().elements();
        this.baseStack = RoleStacks.base(roles.base(), nodes * sent);
        Engine.getInstance().setRandomSeed((int) seeds.derive("engine.init"));
        this.network = new SplitNetwork(() -> LayerBlocks.of(sensorStack), sensor.tied(), LayerBlocks.of(baseStack), nodes,
                exchange.messageSize(), MessageQuantizer.of(exchange.quantization()), exchange.lost(), atBase);
        int[] hops = exchange.route() == UpwardExchangeSpec.Route.HOPS ? BitAccount.hopsToNodeZero(adjacency) : BitAccount.oneHop(nodes);
        long raw = nodeInput.elements();
        this.account = atBase
                ? BitAccount.uniform(nodes, raw, data.bitsPerValue(), hops, raw, data.bitsPerValue())
                : BitAccount.uniform(nodes, sent, exchange.bitsPerValue(), hops, raw, data.bitsPerValue());
        // What one node puts on the air: its message, or its raw input when the base station runs its stack.
        this.shape = atBase ? new LinkShape(nodes, 1, 1, (int) raw, data.bitsPerValue()) : new LinkShape(nodes, 1, 1, sent, exchange.bitsPerValue());
        this.model = Model.newInstance(spec.name());
        model.setBlock(network);
    }

    LayerStack sensorStack() {
        return sensorStack;
    }

    LayerStack baseStack() {
        return baseStack;
    }

    /** Trains for training.epochs over {@code train}, evaluating on {@code test} after every epoch. */
    void train(SplitSamples train, SplitSamples test, TrainingListener listener) {
        TrainingSpec training = spec.training();
        trainer = model.newTrainer(new DefaultTrainingConfig(LossTerms.of(spec.loss(), task)).optOptimizer(Batches.optimizer(training)));
        int batch = training.batchSize();
        trainer.initialize(new Shape(batch, nodes).addAll(new Shape(toLong(nodeInput.dims()))), new Shape(1, nodes));
        SplittableRandom order = seeds.stream("train.order");
        SplittableRandom failures = seeds.stream("links.train");
        LinkChannel channel = LinkChannel.of(links, spec.links(), true, shape);
        TrainingLoop.run(new TrainingLoop.Phase("train", trainer, training.epochs(), (train.size() + batch - 1) / batch,
                epoch -> SampleBatch.cut(Batches.shuffled(Batches.identity(train.size()), order), batch,
                        (o, start, end) -> new Inputs(train, o, start, end, channel, failures)),
                TrainingLoop.trainAndTest(() -> evaluate(test))), listener);
    }

    /**
     * The trained network on {@code samples} in inference mode (hard quantization, no dropout), with
     * failures drawn from a test stream of their own, the same for every evaluation of a run.
     */
    Map<String, Double> evaluate(SplitSamples samples) {
        if (trainer == null) {
            throw new IllegalStateException("evaluate() needs train() first");
        }
        SplittableRandom failures = seeds.stream("links.test");
        LinkChannel channel = LinkChannel.of(links, spec.links(), false, shape);
        List<Inputs> batches = SampleBatch.cut(Batches.identity(samples.size()), spec.training().batchSize(),
                (order, start, end) -> new Inputs(samples, order, start, end, channel, failures));
        Task.Score score = task.score();
        Traffic traffic = new Traffic(account, 0).onAir(channel.radio());
        double loss = EvaluationLoop.run(trainer, batches, (b, arrays, outputs) -> {
            float[] y = outputs.singletonOrThrow().toFloatArray();
            int width = y.length / b.size();
            for (int i = 0; i < b.size(); i++) {
                score.add(y, i * width, width, samples.labels()[b.sample(i)], samples.targets()[b.sample(i)]);
            }
            traffic.upward(b.links(), b.size());
        });
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss);
        metrics.putAll(score.metrics());
        metrics.putAll(traffic.metrics());
        metrics.putAll(traffic.rawMetrics());
        return metrics;
    }

    /**
     * Post-training weight quantization at each of {@code bitWidths}: the test metrics of the
     * network with its weights rounded per tensor (biases kept), and the bytes it takes.
     */
    Map<String, Double> weightQuantization(SplitSamples test, int... bitWidths) {
        return PostTrainingQuantization.measure(network, network.sensors().get(0), () -> evaluate(test), bitWidths);
    }

    /** The trained model, for its checkpoint. */
    Model model() {
        return model;
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.close();
        }
        model.close();
    }

    /** Every node's view of the batch's samples, what reached the base station, and the labels. */
    private final class Inputs extends SampleBatch {
        private final SplitSamples samples;

        Inputs(SplitSamples samples, int[] order, int start, int end, LinkChannel channel, SplittableRandom failures) {
            super(order, start, end, channel, failures);
            this.samples = samples;
        }

        @Override
        public TrainingLoop.Arrays arrays(NDManager scope) {
            LinkDraw draw = drawLinks();
            int[] batch = samples();
            float[] values = samples.inputs(data, view, nodes, batch, 0, batch.length);
            NDArray x = scope.create(values, new Shape(size(), nodes).addAll(new Shape(toLong(nodeInput.dims()))));
            NDArray mask = draw.packets() == 1
                    ? scope.create(draw.messageMask(), new Shape(draw.samples(), nodes))
                    : scope.create(draw.valueMask(), new Shape(draw.samples(), nodes, shape.values()));
            float[] labels = new float[size()];
            for (int i = 0; i < size(); i++) {
                labels[i] = task.classification() ? samples.labels()[sample(i)] : samples.targets()[sample(i)];
            }
            return new TrainingLoop.Arrays(new NDList(x, mask), new NDList(scope.create(labels)));
        }
    }

    private static long[] toLong(int[] dims) {
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i];
        }
        return out;
    }
}
