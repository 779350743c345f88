package dev.edgewise.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import dev.edgewise.dsl.spec.LogitSendSpec;
import dev.edgewise.dsl.spec.PeerExchangeSpec.Aggregation;
import dev.edgewise.dsl.spec.PeerExchangeSpec.Gate;
import dev.edgewise.engine.loss.Outputs;
import java.util.ArrayList;
import java.util.List;

/**
 * N nodes, one digit each, exchanging gated latent messages with their neighbours for R rounds.
 *
 * <p>Inputs: images {@code (B, N, 1, 28, 28)}; link masks; {@code (B or 1, N)} alive masks, 0 for
 * a node that transmits nothing this sample; and, for the edge-list exchange, the slots' senders
 * {@code (N * D)} (int32). With the senders, the masks are {@code (B or 1, R, N, D)} over a
 * {@link Neighbourhood}'s slots ({@code [r, n, d]} = 1 when node n hears its d-th in-neighbour in
 * round r, 0 on padding); without, they are all-pairs {@code (B or 1, R, N, N)} ({@code [r, n, j]}
 * = 1 when node n hears node j). Outputs: each node's output
 * after the last round {@code (B, N)}, whether each node transmitted in each round {@code (B, R, N)}
 * (hard, for accounting), and the same flags with a straight-through gradient (for the
 * communication loss term): their value is the hard flag, their gradient that of
 * sigmoid(max(s) / temperature), s being the pre-gate message.
 *
 * <p>Nodes are folded into the batch dimension so the tied extractor and cell run once per round
 * for all nodes: per-op overhead from Java, not arithmetic, dominates on a CPU.
 *
 * <p>The edge-list exchange gathers every slot's sender message, {@code (B, N, D, v)}, and
 * aggregates over the slots, so memory and time grow with the links, not with N squared. The
 * all-pairs one builds contributions {@code (B, N, N, v)}, zero for every pair that is not a
 * link. Their forward passes agree exactly for max (the same values and zeros compete: messages
 * are ReLU outputs or, with {@code gate: always}, a zero is kept in the competition); sum and
 * mean add the same non-zero terms, in another order only where a node hears three or more. Their
 * backward passes differ in the last bits: MXNet sums the all-pairs gradient over all N receivers
 * with a compensated (Kahan) sum, so even a zero term after the last real one can move a bit,
 * while the gather's gradient adds only the real terms. Which one a batch uses is the caller's
 * choice (see CrnnTraining: the all-pairs one up to 64 nodes, which every recorded result used).
 *
 * <p>With a learned send decision ({@link LogitSendSpec}) a dense layer of its own reads each
 * node's new cell output and gives a send logit g; the decision is no longer the message's sign.
 * The relu gate's decision is a step on the state itself: a silent node's ReLU passes no gradient
 * back, and the state varies so little between nodes that all of them cross the step together
 * (issue 18). The logit's bias always gets a gradient, so a silent node can be called back.
 * Training samples the flag as g + L > 0 (L logistic noise, so P(send) = sigmoid(g)) and gives
 * it the gradient of sigmoid((g + L) / temperature); the receivers' masks carry that flag, so the
 * task's gradient reaches the decision through what the neighbours heard. The surrogate output is
 * then the expected count sigmoid(g) (or the flag itself, {@code count: hard}).
 */
public final class CommunicatingCrnn extends AbstractBlock {

    private final Block extractor;
    private final Block cell;
    private final int features;
    private final int messageSize;
    private final int rounds;
    private final Gate gate;
    private final Aggregation aggregation;
    private final float temperature;
    private final LogitSendSpec send;
    /** Whether the straight-through send flags are computed (a loss term reads them). */
    private final boolean surrogate;
    /** The send logit's dense layer, cell output -> 1; null with the gate's own decision. */
    private final Block sendLogit;

    public CommunicatingCrnn(Block extractor, Block cell, int features, int messageSize, int rounds, Gate gate, Aggregation aggregation,
            double temperature) {
        this(extractor, cell, features, messageSize, rounds, gate, aggregation, temperature, null);
    }

    /** {@code send} null: the gate decides when a node transmits, as in the paper. */
    public CommunicatingCrnn(Block extractor, Block cell, int features, int messageSize, int rounds, Gate gate, Aggregation aggregation,
            double temperature, LogitSendSpec send) {
        this(extractor, cell, features, messageSize, rounds, gate, aggregation, temperature, send, true);
    }

    /**
     * {@code surrogate} false when no loss term reads {@link Outputs#SENT_SURROGATE}: the output
     * then holds the hard flags, the same values, and the straight-through ops are never recorded
     * (their gradient would never be asked for; 7 small ops a round saved).
     */
    public CommunicatingCrnn(Block extractor, Block cell, int features, int messageSize, int rounds, Gate gate, Aggregation aggregation,
            double temperature, LogitSendSpec send, boolean surrogate) {
        this.extractor = addChildBlock("extractor", extractor);
        this.cell = addChildBlock("cell", cell);
        this.features = features;
        this.messageSize = messageSize;
        this.rounds = rounds;
        this.gate = gate;
        this.aggregation = aggregation;
        this.temperature = (float) temperature;
        this.send = send;
        this.surrogate = surrogate;
        if (send != null) {
            // Weights 0 and one shared bias: every node starts sending with the same probability, sigmoid(bias);
            // constant initializers draw nothing, so the engine's random stream is the relu gate's.
            Block logit = Linear.builder().setUnits(1).build();
            logit.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
            logit.setInitializer(new ConstantInitializer((float) send.bias()), Parameter.Type.BIAS);
            this.sendLogit = addChildBlock("send", logit);
        } else {
            this.sendLogit = null;
        }
    }

    /** The send logit's layer, or null when the gate decides. */
    public Block sendLogit() {
        return sendLogit;
    }

    public Block extractor() {
        return extractor;
    }

    public Block cell() {
        return cell;
    }

    /** Width of the cell's input and output: z = [x (features), s (v), d (v)]. */
    public int cellWidth() {
        return features + 2 * messageSize;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray images = inputs.get(0);
        NDArray links = inputs.get(1);
        NDArray alive = inputs.get(2);
        NDArray senders = inputs.size() > 3 ? inputs.get(3) : null;
        long slots = links.getShape().get(3);
        long batch = images.getShape().get(0);
        long nodes = images.getShape().get(1);
        NDManager manager = images.getManager();

        NDArray x = extractor.forward(store, new NDList(images.reshape(batch * nodes, 1, 28, 28)), training)
                .singletonOrThrow()
                .reshape(batch, nodes, features);
        NDArray state = manager.zeros(new Shape(batch, nodes, messageSize));
        NDArray heard = state;
        NDArray h = null;
        // One split for all rounds, not a slice and a squeeze each: MXNet's overhead per op is a round's main cost.
        NDList linksByRound = links.split(rounds, 1);
        long linkSamples = links.getShape().get(0);
        List<NDArray> sent = new ArrayList<>(rounds);
        List<NDArray> sentSoft = new ArrayList<>(rounds);
        for (int round = 0; round < rounds; round++) {
            NDArray z = NDArrays.concat(new NDList(x, state, heard), 2).reshape(batch * nodes, cellWidth());
            h = cell.forward(store, new NDList(z), training).singletonOrThrow().reshape(batch, nodes, cellWidth());
            state = h.get(new NDIndex(":, :, {}:{}", features, features + messageSize));

            NDArray message = gate == Gate.RELU ? Activation.relu(state) : state;
            NDArray transmits;
            if (sendLogit != null) {
                NDArray read = h.reshape(batch * nodes, cellWidth());
                // detach: the decision's gradients stop at the send layer, so the task alone shapes the cell's state.
                NDArray logit = sendLogit.forward(store, new NDList(send.detached() ? read.stopGradient() : read), training)
                        .singletonOrThrow()
                        .reshape(batch, nodes);
                NDArray sample = logit;
                if (training && send.noise()) {
                    // Logistic noise log(u) - log(1 - u): g + L > 0 with probability sigmoid(g).
                    NDArray u = manager.randomUniform(1e-6f, 1f - 1e-6f, logit.getShape());
                    sample = logit.add(u.log().sub(u.neg().add(1f).log()));
                }
                NDArray hard = sample.gt(0f).toType(DataType.FLOAT32, false).mul(alive);
                NDArray relaxed = Activation.sigmoid(sample.div((float) send.temperature())).mul(alive);
                NDArray flag = hard.add(relaxed.sub(relaxed.stopGradient()));
                sent.add(hard);
                if (surrogate) {
                    sentSoft.add(send.count() == LogitSendSpec.Count.EXPECTED ? Activation.sigmoid(logit).mul(alive) : flag);
                }
                // Same values as the hard flags; in training their gradient carries the task's pull on the decision.
                transmits = flag;
            } else if (gate == Gate.RELU) {
                // The message relu(s) has a non-zero value iff max(s) > 0: one reduction, not abs and sum.
                transmits = state.max(new int[] {2}).gt(0f).toType(DataType.FLOAT32, false).mul(alive);
                sent.add(transmits);
                if (surrogate) {
                    // Straight-through: forward the hard flag, backward d sigmoid(max(s) / T). Unlike the
                    // message's own mass this gradient reaches silent nodes too, so a budget below the
                    // current count can silence talkers and one above it can wake the silent.
                    // Its own max, not the flag's: one max read by both moved the last bits of MXNet's
                    // gradients, and so of every CI reference with a communication term.
                    NDArray soft = Activation.sigmoid(state.max(new int[] {2}).div(temperature)).mul(alive);
                    sentSoft.add(transmits.add(soft.sub(soft.stopGradient())));
                }
            } else {
                transmits = alive.broadcast(new Shape(batch, nodes));
                sent.add(transmits);
                sentSoft.add(transmits);
            }

            // receivers[b, n, d, 0] = 1 when node n hears its d-th neighbour this round: link up and the neighbour transmitting.
            NDArray link = linksByRound.get(round).reshape(linkSamples, nodes, slots, 1);
            if (senders == null) {
                // receivers[b, n, j, 0] = 1 when node n hears node j this round: link up and j transmitting.
                NDArray receivers = link.mul(transmits.reshape(batch, 1, nodes, 1));
                heard = aggregate(message.expandDims(1).mul(receivers), receivers, false);
            } else {
                NDArray receivers = link.mul(bySlot(transmits, senders, nodes, slots).expandDims(3));
                heard = aggregate(bySlot(message, senders, nodes, slots).mul(receivers), receivers, true);
            }
        }
        NDArray output = h.get(new NDIndex(":, :, {}", features + messageSize));
        NDArray hard = NDArrays.stack(new NDList(sent), 1);
        // A name is the array's own: the hard flags' stand-in for the surrogate is an array of its own.
        NDArray soft = sentSoft.isEmpty() ? hard.stopGradient() : NDArrays.stack(new NDList(sentSoft), 1);
        return new NDList(Outputs.named(output, Outputs.TASK), Outputs.named(hard, Outputs.SENT), Outputs.named(soft, Outputs.SENT_SURROGATE));
    }

    /**
     * {@code perNode (B, N, ...)} read at every slot's sender: {@code (B, N, D, ...)}. Node-major so
     * that one take along the first axis (an op every engine has, with its gradient) gathers all.
     */
    private static NDArray bySlot(NDArray perNode, NDArray senders, long nodes, long slots) {
        Shape shape = perNode.getShape();
        int[] toNodeMajor = new int[shape.dimension()];
        int[] back = new int[shape.dimension() + 1];
        toNodeMajor[0] = 1;
        toNodeMajor[1] = 0;
        back[0] = 2;
        back[1] = 0;
        back[2] = 1;
        for (int axis = 2; axis < shape.dimension(); axis++) {
            toNodeMajor[axis] = axis;
            back[axis + 1] = axis + 1;
        }
        NDArray gathered = perNode.transpose(toNodeMajor).get(senders);
        long[] dims = new long[shape.dimension() + 1];
        dims[0] = nodes;
        dims[1] = slots;
        dims[2] = shape.get(0);
        for (int axis = 2; axis < shape.dimension(); axis++) {
            dims[axis + 1] = shape.get(axis);
        }
        return gathered.reshape(new Shape(dims)).transpose(back);
    }

    /**
     * Combines {@code contributions (B, N, N or D, v)} over senders, {@code receivers (B, N, N or D, 1)}
     * their masks; non-links, padding and absent senders contribute nothing.
     */
    private NDArray aggregate(NDArray contributions, NDArray receivers, boolean edgeList) {
        return switch (aggregation) {
            // With the ReLU gate messages are >= 0, so an absent sender's 0 never wins the max. With
            // gate: always a message may be negative: the all-pairs exchange always has a non-link's 0
            // in the competition (a node never hears itself), so the edge list keeps a 0 in it too.
            case MAX -> edgeList && gate != Gate.RELU ? contributions.max(new int[] {2}).maximum(0f) : contributions.max(new int[] {2});
            case SUM -> contributions.sum(new int[] {2});
            case MEAN -> contributions.sum(new int[] {2}).div(receivers.sum(new int[] {2}).maximum(1f));
        };
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        long nodes = inputShapes[0].get(1);
        return new Shape[] {new Shape(batch, nodes), new Shape(batch, rounds, nodes), new Shape(batch, rounds, nodes)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long nodes = inputShapes[0].get(1);
        extractor.initialize(manager, dataType, new Shape(batch * nodes, 1, 28, 28));
        cell.initialize(manager, dataType, new Shape(batch * nodes, cellWidth()));
        if (sendLogit != null) {
            sendLogit.initialize(manager, dataType, new Shape(batch * nodes, cellWidth()));
        }
    }
}
