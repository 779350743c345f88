package dev.edgewise.engine.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training loss: sum over the spec's terms of weight x scale(epoch) x term. Terms whose
 * weight is 0 this epoch are not computed at all, so a term that is switched off costs nothing and
 * changes no float of the others.
 */
public final class WeightedLoss extends Loss {

    private final Map<String, LossTerm> terms;
    private final Map<String, Float> weights;
    private final Map<String, Float> scales = new LinkedHashMap<>();

    /** {@code terms} and {@code weights} by name, in the order they are summed (the task term first). */
    WeightedLoss(Map<String, LossTerm> terms, Map<String, Float> weights) {
        super("loss");
        this.terms = Map.copyOf(terms);
        this.weights = new LinkedHashMap<>(weights);
        weights.keySet().forEach(name -> scales.put(name, 1f));
    }

    /** Sets every term's schedule for {@code epoch} (1-based); the trainer calls it as each epoch starts. */
    public void startEpoch(int epoch) {
        weights.keySet().forEach(name -> scales.put(name, (float) terms.get(name).scale(epoch)));
    }

    /**
     * Whether this epoch's loss is a mean over samples: only the task term weighs (every task's
     * loss is a mean over its samples' outputs). Then the size-weighted mean of a batch's parts'
     * losses is the batch's loss, and so are their gradients; a term on the batch as a whole (the
     * communication term squares the batch's sent fraction) is not split that way.
     */
    public boolean meanOverSamples() {
        for (Map.Entry<String, Float> weight : weights.entrySet()) {
            boolean weighs = weight.getValue() * scales.get(weight.getKey()) != 0f;
            if (weighs && !(terms.get(weight.getKey()) instanceof TaskTerm)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray sum = null;
        for (Map.Entry<String, Float> weight : weights.entrySet()) {
            float w = weight.getValue() * scales.get(weight.getKey());
            if (w == 0f && sum != null) {
                continue;
            }
            NDArray term = terms.get(weight.getKey()).evaluate(labels, predictions).mul(w);
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }
}
