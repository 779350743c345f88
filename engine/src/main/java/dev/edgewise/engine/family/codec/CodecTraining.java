package dev.edgewise.engine.family.codec;

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
import dev.edgewise.catalog.links.LinkDraw;
import dev.edgewise.catalog.links.LinkModelRegistry;
import dev.edgewise.catalog.links.LinkShape;
import dev.edgewise.dsl.spec.CodecModelSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.engine.loss.LossTerms;
import dev.edgewise.engine.loss.MsSsim;
import dev.edgewise.engine.loss.Outputs;
import dev.edgewise.engine.model.CodecNetwork;
import dev.edgewise.engine.model.MessageQuantizer;
import dev.edgewise.engine.quant.QatOptimizer;
import dev.edgewise.engine.quant.WeightPrecision;
import dev.edgewise.engine.quant.WeightRounding;
import dev.edgewise.engine.task.ReconstructionTask;
import dev.edgewise.engine.task.TaskRegistry;
import dev.edgewise.engine.train.Batches;
import dev.edgewise.engine.train.BitAccount;
import dev.edgewise.engine.train.EvaluationLoop;
import dev.edgewise.engine.train.LinkChannel;
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
 * One codec being trained and measured: the network, its packets (the seeded permutation, the
 * training drops, the link model's losses at test), and every bit counted.
 */
final class CodecTraining implements AutoCloseable {

    private final ExperimentSpec spec;
    private final CodecModelSpec codec;
    private final ImageDataset data;
    /** Where test samples' items are: data.test_source's dataset, else {@code data}. */
    private final ImageDataset testData;
    private final Seeds seeds;
    private final LinkModelRegistry links;
    private final ReconstructionTask task;
    private final NodeView view;
    private final CodecShape shape;
    private final MessageQuantizer quantizer;
    private final LinkShape linkShape;
    private final BitAccount account;
    /** permutation[j]: the representation value sent j-th. */
    private final int[] permutation;
    private final Model model;
    private Trainer trainer;
    /** The first test images of the latest evaluation and what the gateway decoded of them: {original, decoded} each. */
    private final List<double[][][][]> examples = new java.util.ArrayList<>();

    /** How the weights are stored (model.weights): float32 unless the spec says otherwise. */
    private final WeightPrecision precision;

    /** Whether the loss judges decoded images with the frozen classifier: then batches carry class labels too. */
    private final boolean judged;

    CodecTraining(ExperimentSpec spec, ImageDataset data, Seeds seeds, LinkModelRegistry links) {
        this(spec, data, data, seeds, links, null);
    }

    /**
     * @param judge the frozen classifier, for the perceptual and classification terms; null when
     *     the spec has none (the family's check asks for one when the loss names such a term)
     */
    CodecTraining(ExperimentSpec spec, ImageDataset data, ImageDataset testData, Seeds seeds, LinkModelRegistry links, FrozenClassifier judge) {
        this.spec = spec;
        this.codec = (CodecModelSpec) spec.model();
        this.data = data;
        this.testData = testData;
        this.seeds = seeds;
        this.links = links;
        this.task = (ReconstructionTask) TaskRegistry.of(spec.task());
        this.view = NodeView.of(spec.data());
        this.shape = CodecShape.of(spec, data.height(), data.width(), data.channels());
        UpwardExchangeSpec exchange = (UpwardExchangeSpec) spec.exchange();
        this.quantizer = MessageQuantizer.of(exchange.quantization());
        int values = exchange.messageSize();
        this.linkShape = LinkShape.upward(1, values, shape.bitsPerValue());
        this.account = BitAccount.uniform(1, values, shape.bitsPerValue(), BitAccount.oneHop(1), (long) data.valuesPerImage(),
                data.bitsPerValue());
        SplittableRandom order = seeds.stream("codec.permutation");
        this.permutation = codec.shuffle() ? Batches.shuffled(Batches.identity(values), order) : Batches.identity(values);
        Engine.getInstance().setRandomSeed((int) seeds.derive("engine.init"));
        this.model = Model.newInstance(spec.name());
        CodecNetwork network = new CodecNetwork(data.channels(), shape.patchSide(), codec.grid(), codec.padding(), codec.channels(), values, quantizer);
        this.judged = judges(spec);
        this.precision = WeightPrecision.of(codec.weightsOrFloat());
        if (judged && judge == null) {
            throw new IllegalArgumentException("the loss judges decoded images, but there is no model.classifier");
        }
        model.setBlock(judged ? new JudgedCodec(network, judge) : network);
    }

    /** Quantization-aware training: the weights are rounded to their storage precision in every forward pass. */
    private boolean qat() {
        return codec.weightsOrFloat().method() == dev.edgewise.dsl.spec.WeightsSpec.Method.QAT && precision.bits() < 32;
    }

    /** Post-training quantization: the trained float weights are rounded once, by {@link #roundWeights}. */
    boolean ptq() {
        return codec.weightsOrFloat().method() == dev.edgewise.dsl.spec.WeightsSpec.Method.PTQ && precision.bits() < 32;
    }

    /** Rounds the trained weights to their storage precision in place (PTQ), before the final measures. */
    void roundWeights() {
        WeightRounding.round(model.getBlock(), precision);
    }

    /**
     * Bytes of the stored weights at {@code at}: the whole codec, and the camera's share (the
     * encoder; the gateway holds the rest). Biases stay float32 ({@link WeightRounding}).
     */
    Map<String, Double> weightBytes(WeightPrecision at) {
        long all = 0;
        long camera = 0;
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> pair : model.getBlock().getParameters()) {
            ai.djl.nn.Parameter p = pair.getValue();
            long size = p.getArray().size();
            long bytes = WeightRounding.quantized(p) ? at.bytes(size, WeightRounding.rows(p.getArray())) : size * 4;
            all += bytes;
            if (pair.getKey().contains("encoder")) {
                camera += bytes;
            }
        }
        return Map.of("model", (double) all, "camera", (double) camera);
    }

    WeightPrecision precision() {
        return precision;
    }

    /** Whether {@code spec}'s loss has a term computed through the frozen classifier. */
    static boolean judges(ExperimentSpec spec) {
        return spec.loss().terms().values().stream().anyMatch(term -> term instanceof dev.edgewise.dsl.spec.PerceptualTermSpec
                || term instanceof dev.edgewise.dsl.spec.ClassificationTermSpec);
    }

    /** Trains for training.epochs over {@code train}, evaluating on {@code test} after every epoch. */
    void train(SplitSamples train, SplitSamples test, TrainingListener listener) {
        TrainingSpec training = spec.training();
        ai.djl.training.optimizer.Optimizer optimizer = Batches.optimizer(training);
        QatOptimizer qat = qat() ? new QatOptimizer(optimizer, precision) : null;
        trainer = model.newTrainer(new DefaultTrainingConfig(LossTerms.of(spec.loss(), task)).optOptimizer(qat != null ? qat : optimizer));
        int batch = training.batchSize();
        trainer.initialize(new Shape(batch, data.channels(), data.height(), data.width()), new Shape(1, linkShape.values()));
        if (qat != null) {
            qat.watch(model.getBlock());
        }
        SplittableRandom order = seeds.stream("train.order");
        SplittableRandom drops = seeds.stream("codec.train_drop");
        // Reliable in training (the check asks for links.in_training: false): drops come from model.train_drop.
        LinkChannel channel = LinkChannel.of(links, spec.links(), true, linkShape);
        SplittableRandom failures = seeds.stream("links.train");
        TrainingLoop.run(new TrainingLoop.Phase("train", trainer, training.epochs(), (train.size() + batch - 1) / batch,
                epoch -> SampleBatch.cut(Batches.shuffled(Batches.identity(train.size()), order), batch,
                        (o, start, end) -> new Images(train, data, o, start, end, channel, failures, drops)),
                TrainingLoop.trainAndTest(() -> evaluate(test, null))), listener);
    }

    /**
     * The Huffman code of the levels the trained encoder produces on {@code train} (no loss), or
     * null when the spec sends values as they are.
     */
    HuffmanCode huffman(SplitSamples train) {
        if (codec.coding() != CodecModelSpec.EntropyCoding.HUFFMAN) {
            return null;
        }
        long[] counts = new long[shape.levels()];
        LinkChannel reliable = LinkChannel.of(links, new dev.edgewise.dsl.spec.PacketLinksSpec(shape.payload(), 0, 0, false), false, linkShape);
        List<Images> batches = SampleBatch.cut(Batches.identity(train.size()), spec.training().batchSize(),
                (order, start, end) -> new Images(train, data, order, start, end, reliable, seeds.stream("links.none"), null));
        EvaluationLoop.run(trainer, batches, (b, arrays, outputs) -> {
            for (int level : quantizer.levelIndices(outputs.get(Outputs.REPRESENTATION).toFloatArray())) {
                counts[level]++;
            }
        });
        // Every level gets a code: a test image may use a level no training image did.
        for (int level = 0; level < counts.length; level++) {
            counts[level] = Math.max(1, counts[level]);
        }
        return HuffmanCode.fit(counts);
    }

    /**
     * The trained codec on {@code samples} in inference mode (hard rounding), with losses drawn
     * from the test stream; with a Huffman code, also the coded bytes per image and, beside them,
     * each image's empirical entropy: no prefix code, fitted on any data, codes that image in fewer bits.
     */
    Map<String, Double> evaluate(SplitSamples samples, HuffmanCode code) {
        return evaluate(samples, code, null);
    }

    /** The same, and each decoded test image also given to {@code tally} (the frozen classifier's) beside its original. */
    Map<String, Double> evaluate(SplitSamples samples, HuffmanCode code, FrozenClassifier.Tally tally) {
        SplittableRandom failures = seeds.stream("links.test");
        LinkChannel channel = LinkChannel.of(links, spec.links(), false, linkShape);
        List<Images> batches = SampleBatch.cut(Batches.identity(samples.size()), spec.training().batchSize(),
                (order, start, end) -> new Images(samples, testData, order, start, end, channel, failures, null));
        var score = task.score();
        MsSsim msSsim = task.msSsim();
        Traffic traffic = new Traffic(account, 0).onAir(channel.radio());
        int pixels = data.height() * data.width();
        double[] msSsimSum = new double[1];
        examples.clear();
        long[] codedBytes = new long[1];
        double[] entropyBits = new double[1];
        double loss = EvaluationLoop.run(trainer, batches, (b, arrays, outputs) -> {
            float[] decoded = outputs.get(0).toFloatArray();
            float[] original = arrays.labels().get(0).toFloatArray();
            for (int k = 0; k < decoded.length; k++) {
                score.add(decoded, k, 1, 0, original[k]);
            }
            for (int i = 0; i < b.size(); i++) {
                double[][][] sent = image(original, i);
                double[][][] received = image(decoded, i);
                msSsimSum[0] += msSsim.of(sent, received, 1);
                if (examples.size() < EXAMPLES) {
                    examples.add(new double[][][][] {sent, received});
                }
            }
            if (code != null) {
                int[] levels = quantizer.levelIndices(outputs.get(Outputs.REPRESENTATION).toFloatArray());
                int values = linkShape.values();
                for (int i = 0; i < b.size(); i++) {
                    long[] counts = new long[shape.levels()];
                    for (int v = 0; v < values; v++) {
                        counts[levels[i * values + v]]++;
                    }
                    codedBytes[0] += (code.bits(counts) + 7) / 8;
                    entropyBits[0] += HuffmanCode.entropyBits(counts);
                }
            }
            if (tally != null) {
                int[] batch = b.samples();
                int[] labels = new int[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    labels[i] = samples.labels()[batch[i]];
                }
                tally.add(original, decoded, labels, b.size());
            }
            traffic.upward(b.links(), b.size());
        });
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", loss);
        metrics.putAll(score.metrics());
        metrics.put("msssim", msSsimSum[0] / samples.size());
        metrics.putAll(traffic.metrics());
        metrics.putAll(traffic.rawMetrics());
        // What one image costs on the air, comparable with a JPEG run's: coded when a code is in use.
        metrics.put("bytes_per_image", code != null ? codedBytes[0] / (double) samples.size() : (double) shape.bytesPerImage());
        if (code != null) {
            metrics.put("coded_bytes_per_image", codedBytes[0] / (double) samples.size());
            metrics.put("entropy_bytes_per_image", entropyBits[0] / 8 / samples.size());
        }
        return metrics;
    }

    private double[][][] image(float[] flat, int i) {
        int h = data.height();
        int w = data.width();
        int channels = data.channels();
        double[][][] out = new double[channels][h][w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[c][y][x] = flat[((i * channels + c) * h + y) * w + x];
                }
            }
        }
        return out;
    }

    Model model() {
        return model;
    }

    /** Test images kept for the decoded-examples figure. */
    static final int EXAMPLES = 8;

    /** The first test images of the latest evaluation, {original, decoded} each, in test order. */
    List<double[][][][]> examples() {
        return List.copyOf(examples);
    }

    @Override
    public void close() {
        if (trainer != null) {
            trainer.close();
        }
        model.close();
    }

    /** The batch's images, which representation values arrived, and the images again as the target. */
    private final class Images extends SampleBatch {
        private final SplitSamples samples;
        /** The dataset the samples' items index. */
        private final ImageDataset source;
        /** Training drops, or null at test (the link model decides). */
        private final SplittableRandom drops;

        Images(SplitSamples samples, ImageDataset source, int[] order, int start, int end, LinkChannel channel, SplittableRandom failures,
                SplittableRandom drops) {
            super(order, start, end, channel, failures);
            this.samples = samples;
            this.source = source;
            this.drops = drops;
        }

        @Override
        public TrainingLoop.Arrays arrays(NDManager scope) {
            int[] batch = samples();
            float[] pixels = samples.inputs(source, view, 1, batch, 0, batch.length);
            NDArray x = scope.create(pixels, new Shape(size(), data.channels(), data.height(), data.width()));
            float[] mask = drops != null ? trainingMask() : testMask(drawLinks());
            NDArray received = scope.create(mask, new Shape(mask.length / linkShape.values(), linkShape.values()));
            NDList labels = new NDList(scope.create(pixels, new Shape(size(), (long) data.valuesPerImage())));
            if (judged) {
                float[] classes = new float[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    classes[i] = samples.labels()[batch[i]];
                }
                labels.add(Outputs.named(scope.create(classes), Outputs.CLASS_LABEL));
            }
            return new TrainingLoop.Arrays(new NDList(x, received), labels);
        }

        /** Each packet of the sent order dropped with probability train_drop, mapped back to the representation's order. */
        private float[] trainingMask() {
            int values = linkShape.values();
            float[] mask = new float[size() * values];
            java.util.Arrays.fill(mask, 1f);
            double rate = codec.trainDrop();
            if (rate == 0) {
                return java.util.Arrays.copyOf(mask, values);
            }
            int perPacket = shape.valuesPerPacket();
            for (int i = 0; i < size(); i++) {
                for (int first = 0; first < values; first += perPacket) {
                    if (drops.nextDouble() < rate) {
                        for (int j = first; j < Math.min(values, first + perPacket); j++) {
                            mask[i * values + permutation[j]] = 0f;
                        }
                    }
                }
            }
            return mask;
        }

        /** The link model's value mask (in the sent order), mapped back to the representation's order. */
        private float[] testMask(LinkDraw draw) {
            int values = linkShape.values();
            float[] sent = draw.valueMask();
            float[] mask = new float[sent.length];
            for (int row = 0; row < sent.length / values; row++) {
                for (int j = 0; j < values; j++) {
                    mask[row * values + permutation[j]] = sent[row * values + j];
                }
            }
            return mask;
        }
    }
}
