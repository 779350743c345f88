package dev.edgewise.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.edgewise.dsl.spec.LogitSendSpec;
import dev.edgewise.dsl.spec.LogitSendSpec.Count;
import dev.edgewise.dsl.spec.PeerExchangeSpec.Aggregation;
import dev.edgewise.dsl.spec.PeerExchangeSpec.Gate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The learned send decision (exchange.send kind logit) on the stand-in network of
 * {@link CommunicatingCrnnTest}: its weights start at 0, so every node's logit is its bias.
 */
class LogitSendTest {

    static final float[] VALUES = CommunicatingCrnnTest.VALUES;
    static final float[][] LINE = CommunicatingCrnnTest.LINE;
    static final float[] ALL_ALIVE = {1, 1, 1};
    static final int SLOTS = CommunicatingCrnnTest.ROUNDS * VALUES.length;

    @Test
    void evaluationSendsIffTheLogitIsPositive() {
        LogitSendSpec talkative = new LogitSendSpec(0.5, 0.3, true, Count.EXPECTED);
        LogitSendSpec quiet = new LogitSendSpec(0.5, -0.3, true, Count.EXPECTED);

        float[] all = new float[SLOTS];
        Arrays.fill(all, 1f);
        assertArrayEquals(all, pass(talkative, ALL_ALIVE, false, 7).sent);
        assertArrayEquals(new float[SLOTS], pass(quiet, ALL_ALIVE, false, 7).sent);
        // Nobody sends, so nobody hears anything: every output (the first value heard) is 0.
        assertArrayEquals(new float[3], pass(quiet, ALL_ALIVE, false, 7).outputs, 0f);
        assertArrayEquals(new float[] {0.9f, 0.5f, 0.9f}, pass(talkative, ALL_ALIVE, false, 7).outputs, 1e-6f);
    }

    @Test
    void trainingDrawsAreTheSameForTheSameSeedAndSendAboutSigmoidOfTheLogit() {
        LogitSendSpec even = new LogitSendSpec(0.5, 0.0, true, Count.HARD);

        float[] first = pass(even, ALL_ALIVE, true, 11, 400).sent;
        float[] again = pass(even, ALL_ALIVE, true, 11, 400).sent;
        float[] other = pass(even, ALL_ALIVE, true, 12, 400).sent;

        assertArrayEquals(first, again, "the engine's seed fixes every draw");
        assertFalse(Arrays.equals(first, other), "another seed draws otherwise");
        double share = 0;
        for (float f : first) {
            share += f;
        }
        share /= first.length;
        assertEquals(0.5, share, 0.05, "logit 0: about half the slots send (" + first.length + " drawn)");
    }

    @Test
    void theHardFlagCarriesTheGradientOfTheRelaxedOne() {
        double temperature = 0.5;
        double bias = 1.0;
        LogitSendSpec spec = new LogitSendSpec(temperature, bias, false, Count.HARD);

        Pass pass = pass(spec, new float[] {1, 1, 0}, true, 3);

        // Forward: the step (noise off, logit 1 > 0), node 2 dead. Backward: d sigmoid(g / T) / dg per live slot.
        assertArrayEquals(new float[] {1, 1, 0, 1, 1, 0}, pass.surrogate, 0f);
        double s = sigmoid(bias / temperature);
        double perSlot = s * (1 - s) / temperature;
        assertEquals(4 * perSlot, pass.biasGradient, 1e-5, "4 live slots, each d sigmoid(g/T)/dg");
    }

    @Test
    void theExpectedCountReachesSilentNodesToo() {
        double bias = -3.0;
        LogitSendSpec silent = new LogitSendSpec(0.1, bias, true, Count.EXPECTED);

        Pass pass = pass(silent, ALL_ALIVE, true, 5);

        // Every slot is silent, yet the term's count is sigmoid(g) and its gradient is not zero: a budget above
        // the count can call the nodes back (the relu gate's silent nodes get none).
        assertTrue(sum(pass.sent) < SLOTS, "mostly silent at logit -3");
        double p = sigmoid(bias);
        float[] expected = new float[SLOTS];
        Arrays.fill(expected, (float) p);
        assertArrayEquals(expected, pass.surrogate, 1e-6f);
        assertEquals(SLOTS * p * (1 - p), pass.biasGradient, 1e-5, "d(sum sigmoid(g)) / d bias");
    }

    @Test
    void theTaskReachesTheDecisionThroughWhatNeighboursHear() {
        LogitSendSpec spec = new LogitSendSpec(0.5, 1.0, false, Count.HARD);
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList inputs = CommunicatingCrnnTest.inputs(manager, VALUES, LINE, ALL_ALIVE);
            CommunicatingCrnn network = CommunicatingCrnnTest.standIn(Gate.RELU, Aggregation.MAX, spec);
            network.initialize(manager, DataType.FLOAT32, inputs.getShapes());
            NDArray outputs = network.forward(new ParameterStore(manager, false), inputs, true).get(0);
            collector.backward(outputs.sum());
            // The outputs are what the nodes heard; closing the senders would lower them.
            assertTrue(bias(network).getGradient().getFloat() > 0, "sending more raises the outputs here");
        }
    }

    @Test
    void detachKeepsTheDecisionsGradientInTheSendLayer() {
        LogitSendSpec flowing = new LogitSendSpec(0.5, 0.5, false, Count.EXPECTED);
        LogitSendSpec detached = new LogitSendSpec(0.5, 0.5, false, Count.EXPECTED, true);

        float[] through = countGradientOnInputs(flowing);
        float[] cut = countGradientOnInputs(detached);

        // The logit reads the state, which is the node's pixel: without detach the term reaches it (and the cell and
        // extractor in a real network); with detach nothing below the send layer moves.
        assertTrue(Math.abs(through[0]) > 1e-3, "the count's gradient reaches the inputs: " + Arrays.toString(through));
        assertArrayEquals(new float[VALUES.length], cut, 0f);
        assertEquals(pass(flowing, ALL_ALIVE, true, 3).biasGradient, pass(detached, ALL_ALIVE, true, 3).biasGradient, 1e-6,
                "the send layer itself learns the same either way");
    }

    /** d(sum of the expected count) / d(each node's pixel), the send layer's weights set to 1. */
    private static float[] countGradientOnInputs(LogitSendSpec spec) {
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList inputs = CommunicatingCrnnTest.inputs(manager, VALUES, LINE, ALL_ALIVE);
            inputs.get(0).setRequiresGradient(true);
            CommunicatingCrnn network = CommunicatingCrnnTest.standIn(Gate.RELU, Aggregation.MAX, spec);
            network.initialize(manager, DataType.FLOAT32, inputs.getShapes());
            network.sendLogit().getParameters().stream()
                    .filter(p -> p.getValue().getType() == Parameter.Type.WEIGHT)
                    .forEach(p -> {
                        float[] ones = new float[(int) p.getValue().getArray().size()];
                        Arrays.fill(ones, 1f);
                        p.getValue().getArray().set(ones);
                    });
            NDArray surrogate = network.forward(new ParameterStore(manager, false), inputs, true).get(2);
            collector.backward(surrogate.sum());
            float[] pixels = inputs.get(0).getGradient().toFloatArray();
            float[] gradient = new float[VALUES.length];
            for (int n = 0; n < gradient.length; n++) {
                gradient[n] = pixels[n * 784];
            }
            return gradient;
        }
    }

    private record Pass(float[] sent, float[] surrogate, float[] outputs, double biasGradient) {}

    private static Pass pass(LogitSendSpec spec, float[] alive, boolean training, int seed) {
        return pass(spec, alive, training, seed, 1);
    }

    /** One forward (and, in training, backward of the surrogate's sum) over {@code batch} copies of the line. */
    private static Pass pass(LogitSendSpec spec, float[] alive, boolean training, int seed, int batch) {
        Engine.getInstance().setRandomSeed(seed);
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList one = CommunicatingCrnnTest.inputs(manager, VALUES, LINE, alive);
            NDList inputs = new NDList(one.get(0).repeat(0, batch), one.get(1), one.get(2), one.get(3));
            CommunicatingCrnn network = CommunicatingCrnnTest.standIn(Gate.RELU, Aggregation.MAX, spec);
            network.initialize(manager, DataType.FLOAT32, inputs.getShapes());
            NDList out = network.forward(new ParameterStore(manager, false), inputs, training);
            double gradient = Double.NaN;
            if (training) {
                collector.backward(out.get(2).sum());
                gradient = bias(network).getGradient().getFloat();
            }
            return new Pass(out.get(1).toFloatArray(), out.get(2).toFloatArray(), out.get(0).toFloatArray(), gradient);
        }
    }

    private static NDArray bias(CommunicatingCrnn network) {
        return network.sendLogit().getParameters().stream()
                .filter(p -> p.getValue().getType() == Parameter.Type.BIAS)
                .findFirst()
                .orElseThrow()
                .getValue()
                .getArray();
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double sum(float[] values) {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

}
