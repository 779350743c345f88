package dev.edgewise.engine.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Quantization-aware training for any block: the network always computes with its weights rounded
 * to the storage precision (fake quantization), while float32 shadow weights take the optimizer's
 * updates. The gradient with respect to a rounded weight is applied to its shadow unchanged: the
 * straight-through estimator. Biases are trained as usual.
 *
 * <p>Wraps the spec's optimizer; {@link #watch} must be called once the block's parameters exist
 * (after the trainer initialises it), before the first forward pass.
 */
public final class QatOptimizer extends Optimizer {

    private final Optimizer inner;
    private final WeightPrecision precision;
    /** Parameter id to its float shadow, for quantized parameters. */
    private final Map<String, float[]> shadows = new HashMap<>();
    private final Map<String, Integer> rows = new HashMap<>();

    public QatOptimizer(Optimizer inner, WeightPrecision precision) {
        super(new Builder());
        this.inner = inner;
        this.precision = precision;
    }

    /** Takes the block's initial weights as the shadows and rounds the live weights. */
    public void watch(Block block) {
        for (Parameter p : block.getParameters().values()) {
            if (WeightRounding.quantized(p)) {
                float[] values = p.getArray().toFloatArray();
                int r = WeightRounding.rows(p.getArray());
                shadows.put(p.getId(), values);
                rows.put(p.getId(), r);
                WeightRounding.assign(p.getArray(), precision.roundTrip(values, r));
            }
        }
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float[] shadow = shadows.get(parameterId);
        if (shadow == null) {
            inner.update(parameterId, weight, grad);
            return;
        }
        WeightRounding.assign(weight, shadow);
        inner.update(parameterId, weight, grad);
        float[] updated = weight.toFloatArray();
        shadows.put(parameterId, updated);
        WeightRounding.assign(weight, precision.roundTrip(updated, rows.get(parameterId)));
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
