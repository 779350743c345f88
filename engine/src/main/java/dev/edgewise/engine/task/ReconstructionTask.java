package dev.edgewise.engine.task;

import ai.djl.ndarray.NDArray;
import dev.edgewise.dsl.spec.ReconstructionTaskSpec;
import dev.edgewise.dsl.spec.TaskSpec;
import dev.edgewise.engine.loss.MsSsim;
import dev.edgewise.engine.loss.MsSsimLoss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reproduce the input: every output value is a unit whose target is the pixel it stands for. The
 * task loss is the mean squared error; MS-SSIM, which needs whole images, is measured by the family
 * that knows their shape ({@link #msSsim()}) and trained through the {@code msssim} loss term.
 */
public final class ReconstructionTask implements Task {

    private final ReconstructionTaskSpec spec;

    ReconstructionTask(ReconstructionTaskSpec spec) {
        this.spec = spec;
    }

    @Override
    public Class<? extends TaskSpec> spec() {
        return ReconstructionTaskSpec.class;
    }

    @Override
    public boolean classification() {
        return false;
    }

    @Override
    public int outputWidth(int classes) {
        return 1;
    }

    @Override
    public float target(int label) {
        throw new UnsupportedOperationException("a reconstruction's target is its input, not a label");
    }

    @Override
    public NDArray loss(NDArray outputs, NDArray labels) {
        return outputs.sub(labels.reshape(outputs.getShape())).square().mean();
    }

    /** The weights of the spec's scales: the paper's first {@code msssim_scales}, renormalised to sum to 1 when fewer than five. */
    public double[] msSsimWeights() {
        double[] weights = java.util.Arrays.copyOf(MsSsim.STANDARD_WEIGHTS, spec.msssimScales());
        if (weights.length < MsSsim.STANDARD_WEIGHTS.length) {
            double sum = java.util.Arrays.stream(weights).sum();
            for (int i = 0; i < weights.length; i++) {
                weights[i] /= sum;
            }
        }
        return weights;
    }

    /** The measure with the spec's settings. */
    public MsSsim msSsim() {
        return new MsSsim(msSsimWeights(), spec.msssimWindow(), 1.5);
    }

    /** The trainable term with the spec's settings. */
    public MsSsimLoss msSsimLoss() {
        return new MsSsimLoss(msSsimWeights(), spec.msssimWindow(), 1.5);
    }

    @Override
    public Score score() {
        return new Score() {
            private double squared;
            private long units;

            @Override
            public void add(float[] y, int offset, int width, int label, float target) {
                double error = y[offset] - target;
                squared += error * error;
                units++;
            }

            @Override
            public Map<String, Double> metrics() {
                double mse = squared / units;
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("mse", mse);
                metrics.put("psnr", 10 * Math.log10(1 / mse));
                return metrics;
            }
        };
    }
}
