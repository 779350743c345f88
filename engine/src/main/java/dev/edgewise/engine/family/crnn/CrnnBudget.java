package dev.edgewise.engine.family.crnn;

import dev.edgewise.catalog.layers.CrnnStacks;
import dev.edgewise.dsl.spec.CrnnModelSpec;
import dev.edgewise.dsl.spec.ExperimentSpec;
import dev.edgewise.dsl.spec.PeerExchangeSpec;
import dev.edgewise.engine.device.Budgeted;
import dev.edgewise.engine.device.LayerFootprints;
import dev.edgewise.engine.device.ModelFootprint;
import dev.edgewise.engine.quant.WeightPrecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one C-RNN node needs on a device (role {@code node}; weights are tied, so every node holds
 * the same model): the extractor's conv stack and the cell's dense stack, float32 (the family has no
 * weight-storage setting).
 *
 * <ul>
 *   <li>weights and biases: both stacks';
 *   <li>inference: the digit (the input buffer), then the most alive at once of the extractor's
 *       activations, or the cell's input z = [x, s, d] (features + 2v) and its activations;
 *   <li>training (backpropagation through the rounds): the extractor's kept activations once, the
 *       cell's once per round, and every parameter trained (an extractor frozen by {@code
 *       trainable: false} is still counted: an upper bound);
 *   <li>MACs: the extractor once, the cell once per round.
 * </ul>
 */
final class CrnnBudget {

    static final String ROLE = "node";

    private CrnnBudget() {}

    static Map<String, ModelFootprint> footprints(ExperimentSpec spec) {
        CrnnModelSpec model = (CrnnModelSpec) spec.model();
        PeerExchangeSpec exchange = (PeerExchangeSpec) spec.exchange();
        return Map.of(ROLE, footprint(model.features(), exchange.messageSize(), model, exchange.rounds()));
    }

    static ModelFootprint footprint(int features, int messageSize, CrnnModelSpec model, int rounds) {
        ModelFootprint extractor = LayerFootprints.of(CrnnStacks.extractor(features, model.extractor().dropout()));
        ModelFootprint cell = LayerFootprints.of(CrnnStacks.cell(features, messageSize, model.cell().hidden()));
        List<ModelFootprint.Tensor> weights = new ArrayList<>(extractor.weights());
        weights.addAll(cell.weights());
        long inference = Math.max(extractor.inferenceActivations(), cell.input() + cell.inferenceActivations());
        long training = extractor.trainingActivations() + rounds * cell.trainingActivations();
        return new ModelFootprint(weights, extractor.biases() + cell.biases(), extractor.input(), inference, training,
                extractor.macs() + rounds * cell.macs());
    }

    static List<Budgeted.Knob> knobs(ExperimentSpec spec) {
        CrnnModelSpec model = (CrnnModelSpec) spec.model();
        PeerExchangeSpec exchange = (PeerExchangeSpec) spec.exchange();
        return List.of(
                new Budgeted.Knob("$.model.features", model.features(), f -> footprint(f, exchange.messageSize(), model, exchange.rounds())),
                new Budgeted.Knob("$.exchange.message_size", exchange.messageSize(), v -> footprint(model.features(), v, model, exchange.rounds())));
    }

    static WeightPrecision precision() {
        return WeightPrecision.FLOAT32;
    }
}
