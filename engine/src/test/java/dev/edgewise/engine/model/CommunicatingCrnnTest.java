package dev.edgewise.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.edgewise.dsl.spec.PeerExchangeSpec.Aggregation;
import dev.edgewise.dsl.spec.PeerExchangeSpec.Gate;
import org.junit.jupiter.api.Test;

/**
 * The exchange with stand-in blocks: the "extractor" reads a node's value from its image's first
 * pixel; the "cell" makes that value the node's message (s) and outputs the first value it heard
 * (d) as y. After two rounds every node's output is the aggregate of its neighbours' values.
 */
class CommunicatingCrnnTest {

    static final int FEATURES = 1;
    static final int V = 1;
    static final int ROUNDS = 2;

    /** Line 0 - 1 - 2 with values 0.2, 0.9, 0.5. */
    static final float[] VALUES = {0.2f, 0.9f, 0.5f};
    static final float[][] LINE = {{0, 1, 0}, {1, 0, 1}, {0, 1, 0}};

    @Test
    void maxTakesTheLargestNeighbourValue() {
        assertArrayEquals(new float[] {0.9f, 0.5f, 0.9f}, outputs(Aggregation.MAX, Gate.RELU, VALUES, LINE, new float[] {1, 1, 1}), 1e-6f);
    }

    @Test
    void sumAddsAndMeanAveragesOverTheNeighboursHeard() {
        assertArrayEquals(new float[] {0.9f, 0.7f, 0.9f}, outputs(Aggregation.SUM, Gate.RELU, VALUES, LINE, new float[] {1, 1, 1}), 1e-6f);
        assertArrayEquals(new float[] {0.9f, 0.35f, 0.9f}, outputs(Aggregation.MEAN, Gate.RELU, VALUES, LINE, new float[] {1, 1, 1}), 1e-6f);
    }

    @Test
    void aNodeWithANothingToSayStaysSilentAndIsNotCountedInTheMean() {
        float[] values = {0.2f, 0.9f, 0f};
        float[] sent = sent(Aggregation.MEAN, Gate.RELU, values, LINE, new float[] {1, 1, 1});

        assertArrayEquals(new float[] {1, 1, 0, 1, 1, 0}, sent, "rounds x nodes: node 2's gate stays shut");
        assertArrayEquals(new float[] {0.9f, 0.2f, 0.9f}, outputs(Aggregation.MEAN, Gate.RELU, values, LINE, new float[] {1, 1, 1}), 1e-6f);
    }

    @Test
    void alwaysGateSendsEveryRoundEvenZeros() {
        float[] values = {0.2f, 0.9f, 0f};
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, sent(Aggregation.MEAN, Gate.ALWAYS, values, LINE, new float[] {1, 1, 1}));
        assertArrayEquals(new float[] {0.9f, 0.1f, 0.9f}, outputs(Aggregation.MEAN, Gate.ALWAYS, values, LINE, new float[] {1, 1, 1}), 1e-6f);
    }

    @Test
    void aLinkThatIsDownCarriesNothing() {
        float[][] cut = {{0, 0, 0}, {1, 0, 1}, {0, 1, 0}}; // 1 -> 0 is down: node 0 hears no one
        assertArrayEquals(new float[] {0f, 0.5f, 0.9f}, outputs(Aggregation.MAX, Gate.RELU, VALUES, cut, new float[] {1, 1, 1}), 1e-6f);
    }

    @Test
    void theEdgeListExchangeAgreesWithTheAllPairsOneExactlyForMax() {
        // A star with a tail (degrees 1 to 4), two links down in round 0, one node failed.
        int nodes = 6;
        boolean[][] graph = new boolean[nodes][nodes];
        int[][] edges = {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {4, 5}};
        for (int[] e : edges) {
            graph[e[0]][e[1]] = graph[e[1]][e[0]] = true;
        }
        float[] dense = new float[ROUNDS * nodes * nodes];
        for (int r = 0; r < ROUNDS; r++) {
            for (int i = 0; i < nodes; i++) {
                for (int j = 0; j < nodes; j++) {
                    dense[(r * nodes + i) * nodes + j] = graph[i][j] && !(r == 0 && (i + j == 3)) ? 1 : 0;
                }
            }
        }
        float[] values = {0.31f, 0.77f, 0.05f, 0.64f, 0.12f, 0.93f};
        float[] alive = {1, 1, 1, 1, 1, 0};
        Neighbourhood edgeList = Neighbourhood.of(graph);
        for (Aggregation aggregation : Aggregation.values()) {
            for (Gate gate : Gate.values()) {
                try (NDManager manager = NDManager.newBaseManager()) {
                    float[] pixels = new float[nodes * 784];
                    for (int n = 0; n < nodes; n++) {
                        pixels[n * 784] = gate == Gate.ALWAYS ? values[n] - 0.5f : values[n];
                    }
                    NDArray images = manager.create(pixels, new Shape(1, nodes, 1, 28, 28));
                    NDList allPairs = new NDList(images, manager.create(dense, new Shape(1, ROUNDS, nodes, nodes)),
                            manager.create(alive, new Shape(1, nodes)));
                    NDList links = new NDList(images, manager.create(edgeList.fromDense(dense, 1, ROUNDS),
                            new Shape(1, ROUNDS, nodes, edgeList.slots())), manager.create(alive, new Shape(1, nodes)),
                            manager.create(edgeList.senders()));
                    CommunicatingCrnn network = standIn(gate, aggregation);
                    network.initialize(manager, DataType.FLOAT32, allPairs.getShapes());
                    float[] expected = network.forward(new ParameterStore(manager, false), allPairs, false).get(0).toFloatArray();
                    float[] actual = network.forward(new ParameterStore(manager, false), links, false).get(0).toFloatArray();
                    if (aggregation == Aggregation.MAX) {
                        // Equal as numbers (delta 0): with gate: always, an all-pairs max of zeros may be -0 where the edge list's is +0.
                        assertArrayEquals(expected, actual, 0f, aggregation + " " + gate);
                    } else {
                        assertArrayEquals(expected, actual, 1e-6f, aggregation + " " + gate);
                    }
                }
            }
        }
    }

    @Test
    void theEdgeListHoldsEachNodesNeighboursPaddedToTheLargestDegree() {
        Neighbourhood line = Neighbourhood.of(new boolean[][] {{false, true, false}, {true, false, true}, {false, true, false}});

        assertEquals(2, line.slots());
        // node 0 hears 1 (then pads with itself), node 1 hears 0 and 2, node 2 hears 1.
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1, 0, 0, 2, 1, 2}, line.senders());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new boolean[] {true, false, true, true, true, false}, line.real());
        assertArrayEquals(new float[] {1, 0, 1, 1, 1, 0}, line.allUp(1));
    }

    @Test
    void aFailedNodeTransmitsNothingButStillAnswers() {
        float[] alive = {1, 0, 1};

        assertArrayEquals(new float[] {1, 0, 1, 1, 0, 1}, sent(Aggregation.MAX, Gate.RELU, VALUES, LINE, alive));
        assertArrayEquals(new float[] {0f, 0.5f, 0f}, outputs(Aggregation.MAX, Gate.RELU, VALUES, LINE, alive), 1e-6f);
    }

    @Test
    void theSendFlagsGradientReachesSilentNodesToo() {
        float[] values = {-0.05f, 0.9f, 0.05f}; // node 0 silent, just below its gate; node 1 far above
        float[] gradient = sendFlagGradient(values, LINE);

        float nearGate = (float) (0.25 / 0.1); // sigmoid'(0) / T, almost what nodes 0 and 2 get
        assertEquals(gradient[0], gradient[2], 1e-4f, "symmetric about the gate");
        assertTrue(gradient[0] > 0.9f * ROUNDS * nearGate, "the silent node can be called back: " + gradient[0]);
        assertTrue(gradient[1] < 0.01f * gradient[0], "a confident talker barely moves: " + gradient[1]);
    }

    @Test
    void withoutALossTermOnTheSurrogateTheOutputsAreTheSame() {
        float[] values = {-0.05f, 0.9f, 0.05f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = inputs(manager, values, LINE, new float[] {1, 1, 1});
            NDList full = forward(manager, inputs, standIn(Gate.RELU, Aggregation.MAX));
            NDList lean = forward(manager, inputs,
                    new CommunicatingCrnn(firstPixel(), echoCell(), FEATURES, V, ROUNDS, Gate.RELU, Aggregation.MAX, 0.1, null, false));

            for (int output = 0; output < 3; output++) {
                assertArrayEquals(full.get(output).toFloatArray(), lean.get(output).toFloatArray(), 0f, "output " + output);
            }
            assertArrayEquals(new float[] {0, 1, 1, 0, 1, 1}, lean.get(2).toFloatArray(), "node 0 is silent in both rounds");
        }
    }

    private static NDList forward(NDManager manager, NDList inputs, CommunicatingCrnn network) {
        network.initialize(manager, DataType.FLOAT32, inputs.getShapes());
        return network.forward(new ParameterStore(manager, false), inputs, true);
    }

    /** d(sum of the straight-through send flags) / d(each node's value). */
    static float[] sendFlagGradient(float[] values, float[][] links) {
        int nodes = values.length;
        try (NDManager manager = NDManager.newBaseManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList inputs = inputs(manager, values, links, new float[] {1, 1, 1});
            inputs.get(0).setRequiresGradient(true);
            CommunicatingCrnn network = standIn(Gate.RELU, Aggregation.MAX);
            network.initialize(manager, DataType.FLOAT32, inputs.getShapes());
            NDArray flags = network.forward(new ParameterStore(manager, false), inputs, true).get(2);
            collector.backward(flags.sum());
            float[] pixels = inputs.get(0).getGradient().toFloatArray();
            float[] gradient = new float[nodes];
            for (int n = 0; n < nodes; n++) {
                gradient[n] = pixels[n * 784];
            }
            return gradient;
        }
    }

    static float[] outputs(Aggregation aggregation, Gate gate, float[] values, float[][] links, float[] alive) {
        return run(aggregation, gate, values, links, alive, 0);
    }

    static float[] sent(Aggregation aggregation, Gate gate, float[] values, float[][] links, float[] alive) {
        return run(aggregation, gate, values, links, alive, 1);
    }

    private static float[] run(Aggregation aggregation, Gate gate, float[] values, float[][] links, float[] alive, int output) {
        int nodes = values.length;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = inputs(manager, values, links, alive);
            CommunicatingCrnn network = standIn(gate, aggregation);
            network.initialize(manager, DataType.FLOAT32, inputs.getShapes());
            return network.forward(new ParameterStore(manager, false), inputs, false).get(output).toFloatArray();
        }
    }

    private static CommunicatingCrnn standIn(Gate gate, Aggregation aggregation) {
        return standIn(gate, aggregation, null);
    }

    /** The stand-in network with a learned send decision ({@code send} null: the gate's). */
    static CommunicatingCrnn standIn(Gate gate, Aggregation aggregation, dev.edgewise.dsl.spec.LogitSendSpec send) {
        return new CommunicatingCrnn(firstPixel(), echoCell(), FEATURES, V, ROUNDS, gate, aggregation, 0.1, send);
    }

    private static LambdaBlock firstPixel() {
        return new LambdaBlock(in -> new NDList(in.singletonOrThrow().reshape(in.singletonOrThrow().getShape().get(0), 784)
                .get(new NDIndex(":, 0:1"))));
    }

    /** z = [x, s, d] -> h = [x, s := x, y := d]. */
    private static LambdaBlock echoCell() {
        return new LambdaBlock(in -> {
            NDArray z = in.singletonOrThrow();
            NDArray x = z.get(new NDIndex(":, 0:1"));
            NDArray d = z.get(new NDIndex(":, 2:3"));
            return new NDList(NDArrays.concat(new NDList(x, x, d), 1));
        });
    }

    static NDList inputs(NDManager manager, float[] values, float[][] links, float[] alive) {
        int nodes = values.length;
        float[] pixels = new float[nodes * 784];
        for (int n = 0; n < nodes; n++) {
            pixels[n * 784] = values[n];
        }
        float[] mask = new float[ROUNDS * nodes * nodes];
        for (int r = 0; r < ROUNDS; r++) {
            for (int i = 0; i < nodes; i++) {
                for (int j = 0; j < nodes; j++) {
                    mask[(r * nodes + i) * nodes + j] = links[i][j];
                }
            }
        }
        // The graph is the line; `links` says which of its links are up (a down link reads 0).
        boolean[][] graph = new boolean[nodes][nodes];
        for (int i = 0; i < nodes; i++) {
            for (int j = 0; j < nodes; j++) {
                graph[i][j] = LINE[i][j] == 1;
            }
        }
        Neighbourhood line = Neighbourhood.of(graph);
        return new NDList(
                manager.create(pixels, new Shape(1, nodes, 1, 28, 28)),
                manager.create(line.fromDense(mask, 1, ROUNDS), new Shape(1, ROUNDS, nodes, line.slots())),
                manager.create(alive, new Shape(1, nodes)),
                manager.create(line.senders()));
    }
}
