package dev.edgewise.dsl.sweep;

import dev.edgewise.dsl.spec.Doc;
import dev.edgewise.dsl.spec.VariantSpec;
import dev.edgewise.dsl.spec.Variants;

/** How a search trains the configurations that passed the device check. */
@Doc("How survivors are trained. random: every survivor for training.epochs; halving: successive halving (every survivor for"
        + " min_epochs, the best 1/eta again for eta times as many, and so on up to training.epochs); curve: every survivor"
        + " for 'epochs', a learning-curve predictor (one LSTM unit and a dense layer, 14 parameters) fitted on the curves of"
        + " 'fit' configurations trained to the end predicts the final metric of the rest, and the predicted best 'keep'"
        + " fraction is trained to the end.")
@Variants(value = {SearchStrategy.Random.class, SearchStrategy.Halving.class, SearchStrategy.Curve.class}, defaultKind = "random")
public interface SearchStrategy extends VariantSpec {

    @Doc("Every survivor trained for training.epochs; optionally, the learning-curve predictor scored on their curves.")
    @dev.edgewise.dsl.spec.Variant("random")
    record Random(
            @Doc("For each k listed, fit the learning-curve predictor on half the trials' first k epochs (metric curves) and score"
                    + " it on the other half: RMSE of the predicted final metric and top-5/10/20 % selection accuracy against"
                    + " random selection (the Starfish paper's Table 4). Empty: not scored.")
            @dev.edgewise.dsl.spec.Default("[]") @dev.edgewise.dsl.spec.Range(min = 1, max = 1000)
            java.util.List<Integer> predictorEpochs) implements SearchStrategy {

        public Random {
            predictorEpochs = java.util.List.copyOf(predictorEpochs);
        }
    }

    @Doc("Successive halving: rung i trains the best 1/eta^i of the survivors for min_epochs x eta^i epochs (the last rung for"
            + " training.epochs), each trial from scratch with the same seed, so a finished rung is served by the run cache."
            + " Asynchronous (ASHA, async: true): a trial is promoted as soon as it is in the best 1/eta of the trials finished at"
            + " its rung, so no job waits for a rung to complete; synchronous (the default): each rung completes before the next starts.")
    @dev.edgewise.dsl.spec.Variant("halving")
    record Halving(
            @Doc("Keep the best 1/eta at each rung.") @dev.edgewise.dsl.spec.Default("3") @dev.edgewise.dsl.spec.Range(min = 2, max = 100)
            int eta,
            @Doc("Epochs of the first rung.") @dev.edgewise.dsl.spec.Default("1") @dev.edgewise.dsl.spec.Range(min = 1, max = 100_000)
            int minEpochs,
            @Doc("Promote asynchronously (ASHA): with --jobs above 1, which trials are promoted early can depend on the order in"
                    + " which trials finish; with one job, or false (synchronous rungs), the search is fully deterministic.")
            @dev.edgewise.dsl.spec.Default("false")
            boolean async) implements SearchStrategy {}

    @Doc("The Starfish paper's search: a learning-curve predictor fitted on fully trained configurations predicts the final"
            + " metric of the rest from their first 'epochs' epochs; the predicted best are trained to the end.")
    @dev.edgewise.dsl.spec.Variant("curve")
    record Curve(
            @Doc("Epochs every other survivor is trained for before the predictor ranks it (the paper: 10).")
            @dev.edgewise.dsl.spec.Default("10") @dev.edgewise.dsl.spec.Range(min = 1, max = 100_000)
            int epochs,
            @Doc("Survivors trained to the end first, whose curves fit the predictor.") @dev.edgewise.dsl.spec.Default("10")
            @dev.edgewise.dsl.spec.Range(min = 2, max = 10_000)
            int fit,
            @Doc("Fraction of the predicted best that is then trained to the end.") @dev.edgewise.dsl.spec.Default("0.2")
            @dev.edgewise.dsl.spec.Range(min = 0.0, max = 1.0)
            double keep) implements SearchStrategy {}
}
