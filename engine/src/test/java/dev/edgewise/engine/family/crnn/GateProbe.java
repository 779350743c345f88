package dev.edgewise.engine.family.crnn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.edgewise.catalog.Catalog;
import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.spec.CommunicationTermSpec;
import dev.edgewise.dsl.spec.CrnnModelSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.PeerExchangeSpec;
import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.dsl.sweep.SpecOverride;
import dev.edgewise.engine.model.CommunicatingCrnn;
import dev.edgewise.engine.run.CompiledExperiment;
import dev.edgewise.engine.run.Engines;
import dev.edgewise.engine.sweep.Points;
import dev.edgewise.engine.task.Task;
import dev.edgewise.engine.task.TaskRegistry;
import dev.edgewise.engine.train.NodeSamples;
import dev.edgewise.engine.train.Seeds;
import dev.edgewise.engine.train.TrainingListener;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A diagnostic, not a test: trains one C-RNN experiment (file and overrides as on the command
 * line) and after every training epoch prints, per round, the distribution of the pre-gate state
 * (max over the message's values of the cell's pre-activation, before its ReLU) over 64 test
 * samples x N nodes, the share of slots that talk, and the mean |gradient| that the task term and
 * the communication term send to that pre-activation, separately for talking and silent slots.
 * The relu gate's surrogate is replayed with the spec's temperature. Issue 18's evidence.
 *
 * <pre>java -cp engine/target/test-classes:engine/target/edgewise-engine.jar:engine/target/lib/* \
 *   dev.edgewise.engine.family.crnn.GateProbe experiments/crnn/figure6.yaml key=value...</pre>
 */
public final class GateProbe {

    private GateProbe() {}

    public static void main(String[] args) throws Exception {
        List<SpecOverride> overrides = SpecOverride.parseAll(Arrays.asList(args).subList(1, args.length));
        Catalog catalog = Catalog.shared();
        CompiledExperiment experiment = Points.compileAll(ExperimentSource.read(Path.of(args[0]), overrides), catalog.topologies(),
                catalog.datasets()).get(0);
        ExperimentSpec spec = experiment.spec();
        ImageDataset data = catalog.datasets().load(spec.data(), DataCache.fromEnvironment());
        Engines.use(spec);
        Seeds seeds = new Seeds(spec.seed());
        Task task = TaskRegistry.of(spec.task());
        int nodes = spec.topology().nodes();
        int[][] pools = NodeSamples.split(data.size(), spec.data().holdout(), seeds.stream("data.split"));
        NodeSamples train = NodeSamples.draw(spec.data().trainSamples(), nodes, pools[0], data.labels(), task, seeds.stream("data.train"));
        NodeSamples test = NodeSamples.draw(spec.data().testSamples(), nodes, pools[1], data.labels(), task, seeds.stream("data.test"));
        CommunicationTermSpec term = spec.loss().term("communication", CommunicationTermSpec.class);
        try (CrnnTraining training = new CrnnTraining(spec, data, experiment.adjacency(), seeds, catalog.links())) {
            training.pretrain(pools[0], pools[1], TrainingListener.NONE);
            System.out.printf("N=%d weight=%.2f budget=%.2f T=%.3f%n", nodes, term.weight(), term.budget(), term.temperature());
            training.train(Map.of(nodes, train), test, new TrainingListener() {
                @Override
                public void phaseStarted(String phase, int epochs, int batchesPerEpoch) {}

                @Override
                public void batchFinished(String phase) {}

                @Override
                public void epochFinished(String phase, int epoch, Map<String, Double> metrics) {
                    System.out.printf("epoch %d scale %.2f  test_messages %.2f of %d  test_rmse %.4f%n", epoch, term.scale(epoch),
                            metrics.get("test_messages_per_sample"), nodes * ((PeerExchangeSpec) spec.exchange()).rounds(),
                            metrics.get("test_rmse"));
                    probe(training, spec, data, experiment.adjacency().get(nodes), test, term);
                }
            });
        }
    }

    private static void probe(CrnnTraining training, ExperimentSpec spec, ImageDataset data, boolean[][] adjacency, NodeSamples test,
            CommunicationTermSpec term) {
        CommunicatingCrnn network = training.network();
        int features = ((CrnnModelSpec) spec.model()).features();
        PeerExchangeSpec exchange = (PeerExchangeSpec) spec.exchange();
        int v = exchange.messageSize();
        int rounds = exchange.rounds();
        int nodes = test.nodes();
        int batch = Math.min(64, test.size());
        try (NDManager manager = training.model().getNDManager().newSubManager()) {
            float[] pixels = new float[batch * nodes * 784];
            float[] targets = new float[batch];
            for (int i = 0; i < batch; i++) {
                for (int n = 0; n < nodes; n++) {
                    System.arraycopy(data.pixels(), test.items()[i][n] * 784, pixels, (i * nodes + n) * 784, 784);
                }
                targets[i] = test.targets()[i];
            }
            float[] hears = new float[rounds * nodes * nodes];
            for (int r = 0; r < rounds; r++) {
                for (int n = 0; n < nodes; n++) {
                    for (int j = 0; j < nodes; j++) {
                        hears[(r * nodes + n) * nodes + j] = adjacency[n][j] ? 1f : 0f;
                    }
                }
            }
            NDArray images = manager.create(pixels, new Shape(batch, nodes, 1, 28, 28));
            NDArray links = manager.create(hears, new Shape(1, rounds, nodes, nodes));
            NDArray target = manager.create(targets).expandDims(1);
            float[][] pre = null;
            float[][][] grads = new float[2][][];
            for (int which = 0; which < 2; which++) {
                ParameterStore store = new ParameterStore(manager, false);
                NDArray[] eps = new NDArray[rounds];
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray x = network.extractor().forward(store, new NDList(images.reshape(batch * nodes, 1, 28, 28)), false)
                            .singletonOrThrow().reshape(batch, nodes, features);
                    NDArray state = manager.zeros(new Shape(batch, nodes, v));
                    NDArray heard = manager.zeros(new Shape(batch, nodes, v));
                    NDArray output = null;
                    NDList soft = new NDList();
                    float[][] preRound = new float[rounds][];
                    for (int r = 0; r < rounds; r++) {
                        NDArray z = NDArrays.concat(new NDList(x, state, heard), 2).reshape(batch * nodes, network.cellWidth());
                        NDArray a = z;
                        List<Block> layers = ((SequentialBlock) network.cell()).getChildren().values();
                        for (int l = 0; l < layers.size() - 1; l++) {
                            a = layers.get(l).forward(store, new NDList(a), false).singletonOrThrow();
                        }
                        eps[r] = manager.zeros(a.getShape());
                        eps[r].setRequiresGradient(true);
                        NDArray preAct = a.add(eps[r]).reshape(batch, nodes, network.cellWidth());
                        NDArray h = Activation.relu(preAct);
                        preRound[r] = preAct.get(new NDIndex(":, :, {}:{}", features, features + v)).max(new int[] {2}).toFloatArray();
                        state = h.get(new NDIndex(":, :, {}:{}", features, features + v));
                        output = h.get(new NDIndex(":, :, {}", features + v));
                        NDArray transmits = state.sum(new int[] {2}).gt(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                        NDArray s = Activation.sigmoid(state.max(new int[] {2}).div((float) term.temperature()));
                        soft.add(transmits.add(s.sub(s.stopGradient())));
                        NDArray receivers = links.get(new NDIndex(":, {}", r)).mul(transmits.expandDims(1));
                        heard = state.expandDims(1).mul(receivers.expandDims(3)).max(new int[] {2});
                    }
                    pre = preRound;
                    NDArray loss = which == 0
                            ? output.sub(target).square().mean()
                            : NDArrays.stack(soft, 1).mean().sub((float) term.budget()).square().mul((float) term.weight());
                    collector.backward(loss);
                }
                grads[which] = new float[rounds][];
                for (int r = 0; r < rounds; r++) {
                    grads[which][r] = eps[r].getGradient().reshape(batch, nodes, network.cellWidth())
                            .get(new NDIndex(":, :, {}:{}", features, features + v)).abs().max(new int[] {2}).toFloatArray();
                }
            }
            for (int r = 0; r < rounds; r++) {
                float[] m = pre[r].clone();
                Arrays.sort(m);
                double talkTask = 0;
                double talkComm = 0;
                double silentTask = 0;
                double silentComm = 0;
                int talk = 0;
                for (int k = 0; k < pre[r].length; k++) {
                    if (pre[r][k] > 0) {
                        talk++;
                        talkTask += grads[0][r][k];
                        talkComm += grads[1][r][k];
                    } else {
                        silentTask += grads[0][r][k];
                        silentComm += grads[1][r][k];
                    }
                }
                int silent = pre[r].length - talk;
                System.out.printf("  r%d talk %.2f  pre p05 %+.3f p25 %+.3f p50 %+.3f p75 %+.3f p95 %+.3f |"
                                + " |g| talkers task %.2e comm %.2e  silent task %.2e comm %.2e%n",
                        r, talk / (double) pre[r].length, q(m, 0.05), q(m, 0.25), q(m, 0.5), q(m, 0.75), q(m, 0.95),
                        talk == 0 ? 0 : talkTask / talk, talk == 0 ? 0 : talkComm / talk,
                        silent == 0 ? 0 : silentTask / silent, silent == 0 ? 0 : silentComm / silent);
            }
        }
    }

    private static double q(float[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

}
