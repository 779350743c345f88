package dev.edgewise.engine.family.autoencoder;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.data.NodeView;
import dev.edgewise.catalog.links.LinkDraw;
import dev.edgewise.catalog.links.LinkShape;
import dev.edgewise.dsl.spec.ExchangeSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.UpwardExchangeSpec;
import dev.edgewise.engine.family.DataShape;
import dev.edgewise.engine.family.FamilyCheck;
import dev.edgewise.engine.family.FamilyRun;
import dev.edgewise.engine.family.InspectTables;
import dev.edgewise.engine.family.ModelFamily;
import dev.edgewise.engine.loss.LossTerms;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.task.Task;
import dev.edgewise.engine.task.TaskRegistry;
import dev.edgewise.engine.train.Batches;
import dev.edgewise.engine.train.BitAccount;
import dev.edgewise.engine.train.EvaluationLoop;
import dev.edgewise.engine.train.LinkChannel;
import dev.edgewise.engine.train.SampleBatch;
import dev.edgewise.engine.train.SplitSamples;
import dev.edgewise.engine.train.Traffic;
import dev.edgewise.engine.train.TrainingLoop;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A family written only for the tests, to show that one package and one registration make a new
 * kind of network: sensor nodes encode their part of an image, the base station decodes the
 * whole; trained on reconstruction MSE through the shared loops, links and byte accountant.
 */
public final class AutoencoderFamily implements ModelFamily<AutoencoderSpec> {

    private static final List<String> EVALUATION = List.of("loss", "mse", "psnr", "messages_per_sample", "bits_per_sample",
            "bytes_per_sample", "delivered_fraction");

    @Override
    public Class<AutoencoderSpec> spec() {
        return AutoencoderSpec.class;
    }

    @Override
    public Set<Class<? extends ExchangeSpec>> exchanges() {
        return Set.of(UpwardExchangeSpec.class);
    }

    @Override
    public Set<String> lossTerms() {
        return Set.of("task");
    }

    @Override
    public void check(FamilyCheck<AutoencoderSpec> check) {
        if (!(check.spec().task() instanceof PixelsTaskSpec)) {
            check.problem("$.task.kind", "an autoencoder reconstructs its input", "set task.kind: pixels");
        }
        DataShape data = check.data();
        int required = NodeView.of(check.spec().data()).requiredNodes(data.height(), data.width());
        if (required > 0 && required != check.spec().topology().nodes()) {
            check.problem("$.topology.nodes", "the view needs " + required + " nodes", "set topology.nodes: " + required);
        }
    }

    @Override
    public Set<String> metrics(ExperimentSpec spec) {
        Set<String> names = new LinkedHashSet<>(List.of("train_loss", "train_samples_per_second", "parameters"));
        EVALUATION.forEach(metric -> names.add("test_" + metric));
        return names;
    }

    @Override
    public Map<String, Double> counts(CompiledExperiment experiment, DataShape data) {
        ExperimentSpec spec = experiment.spec();
        int perNode = (int) NodeView.of(spec.data()).shape(data.height(), data.width()).elements();
        int hidden = ((AutoencoderSpec) spec.model()).hidden();
        int code = spec.exchange().messageSize();
        int nodes = spec.topology().nodes();
        long parameters = (long) (perNode + 1) * hidden + (long) (hidden + 1) * code + (long) (nodes * code + 1) * data.height() * data.width();
        return Map.of("parameters", (double) parameters);
    }

    @Override
    public void inspect(CompiledExperiment experiment, DataShape data, PrintWriter out) {
        ExperimentSpec spec = experiment.spec();
        out.printf("%s: autoencoder, N = %d, code %d values per node%n%n", spec.name(), spec.topology().nodes(), spec.exchange().messageSize());
        InspectTables.quantities(out, "One inference");
        InspectTables.row(out, "parameters", counts(experiment, data).get("parameters"));
        InspectTables.row(out, "bits on the air", (long) spec.topology().nodes() * spec.exchange().messageSize() * spec.exchange().bitsPerValue());
        out.println();
    }

    @Override
    public Map<String, Double> run(FamilyRun run) {
        ExperimentSpec spec = run.spec();
        ImageDataset data = run.data();
        Task task = TaskRegistry.of(spec.task());
        int nodes = spec.topology().nodes();
        NodeView view = NodeView.of(spec.data());
        int perNode = (int) view.shape(data.height(), data.width()).elements();
        int pixels = data.height() * data.width();
        int code = spec.exchange().messageSize();
        int[][] pools = SplitSamples.pools(data, spec.data().holdout(), run.seeds().stream("data.split"));
        SplitSamples train = SplitSamples.draw(data, view, nodes, spec.data().trainSamples(), pools[0], task, run.seeds().stream("data.train"));
        SplitSamples test = SplitSamples.draw(data, view, nodes, spec.data().testSamples(), pools[1], task, run.seeds().stream("data.test"));
        LinkShape shape = new LinkShape(nodes, 1, 1, code, spec.exchange().bitsPerValue());
        BitAccount account = BitAccount.uniform(nodes, code, spec.exchange().bitsPerValue(), BitAccount.oneHop(nodes), perNode, data.bitsPerValue());
        Engine.getInstance().setRandomSeed((int) run.seeds().derive("engine.init"));
        int batch = spec.training().batchSize();
        try (Model model = Model.newInstance(spec.name())) {
            model.setBlock(new AutoencoderNetwork(nodes, ((AutoencoderSpec) spec.model()).hidden(), code, pixels));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(LossTerms.of(spec.loss(), task))
                    .optOptimizer(Batches.optimizer(spec.training())))) {
                trainer.initialize(new Shape(batch, nodes, perNode), new Shape(1, nodes));
                SplittableRandom order = run.seeds().stream("train.order");
                LinkChannel trainLinks = LinkChannel.of(run.links(), spec.links(), true, shape);
                SplittableRandom trainFailures = run.seeds().stream("links.train");
                class Images extends SampleBatch {
                    final SplitSamples samples;

                    Images(SplitSamples samples, int[] order, int start, int end, LinkChannel channel, SplittableRandom failures) {
                        super(order, start, end, channel, failures);
                        this.samples = samples;
                    }

                    @Override
                    public TrainingLoop.Arrays arrays(NDManager scope) {
                        LinkDraw draw = drawLinks();
                        float[] whole = new float[size() * pixels];
                        for (int i = 0; i < size(); i++) {
                            System.arraycopy(data.pixels(), samples.items()[sample(i)][0] * pixels, whole, i * pixels, pixels);
                        }
                        int[] batch = samples();
                        return new TrainingLoop.Arrays(
                                new NDList(scope.create(samples.inputs(data, view, nodes, batch, 0, batch.length), new Shape(size(), nodes, perNode)),
                                        scope.create(draw.messageMask(), new Shape(draw.samples(), nodes))),
                                new NDList(scope.create(whole, new Shape(size(), pixels))));
                    }
                }
                TrainingLoop.run(new TrainingLoop.Phase("train", trainer, spec.training().epochs(), (train.size() + batch - 1) / batch,
                        epoch -> SampleBatch.cut(Batches.shuffled(Batches.identity(train.size()), order), batch,
                                (o, start, end) -> new Images(train, o, start, end, trainLinks, trainFailures)),
                        (epoch, meanLoss, samplesPerSecond) -> Map.of("train_loss", meanLoss, "train_samples_per_second", samplesPerSecond)),
                        run.listener());

                LinkChannel testLinks = LinkChannel.of(run.links(), spec.links(), false, shape);
                SplittableRandom testFailures = run.seeds().stream("links.test");
                List<Images> batches = SampleBatch.cut(Batches.identity(test.size()), batch,
                        (o, start, end) -> new Images(test, o, start, end, testLinks, testFailures));
                Task.Score score = task.score();
                Traffic traffic = new Traffic(account, 0);
                double loss = EvaluationLoop.run(trainer, batches, (b, arrays, outputs) -> {
                    float[] y = outputs.singletonOrThrow().toFloatArray();
                    float[] target = arrays.labels().singletonOrThrow().toFloatArray();
                    for (int k = 0; k < y.length; k++) {
                        score.add(y, k, 1, 0, target[k]);
                    }
                    traffic.upward(b.links(), b.size());
                });
                Map<String, Double> results = new LinkedHashMap<>();
                results.put("test_loss", loss);
                score.metrics().forEach((key, value) -> results.put("test_" + key, value));
                traffic.metrics().forEach((key, value) -> results.put("test_" + key, value));
                results.putAll(counts(run.experiment(), DataShape.of(data)));
                return results;
            }
        }
    }
}
