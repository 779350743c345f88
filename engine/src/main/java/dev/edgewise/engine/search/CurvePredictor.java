package dev.edgewise.engine.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Starfish paper's learning-curve predictor: one LSTM unit read over the first k values of a
 * validation curve, then a dense layer 1 -> 1 giving the final value. 14 trainable parameters, as
 * the paper says (12 for the LSTM: four gates, each an input weight, a recurrent weight and one
 * bias; 2 for the dense layer). DJL's fused LSTM keeps two bias vectors per gate (16 parameters),
 * so the cell is written out. Its gradient is computed by backpropagation through time in Java
 * ({@link #gradient}): with 14 parameters, each DJL operation's fixed cost (the same forward and
 * backward in NDArray operations, {@link #djlGradient}, which the tests check it against) made a fit
 * take tens of seconds on this machine, and a search fits it a dozen times.
 *
 * <p>Curves are standardised with the mean and deviation of the values it was fitted on (a loss
 * curve of 0.05 and one of 5 train the same way); predictions are mapped back.
 */
public final class CurvePredictor {

    /** Trainable parameters: LSTM 4 x (input weight, recurrent weight, bias) + dense (weight, bias). */
    public static final int PARAMETERS = 14;

    private final float[] parameters;
    private final double mean;
    private final double scale;
    private final double fitRmse;

    private CurvePredictor(float[] parameters, double mean, double scale, double fitRmse) {
        this.parameters = parameters;
        this.mean = mean;
        this.scale = scale;
        this.fitRmse = fitRmse;
    }

    /** RMSE on the curves it was fitted on, in the curves' units. */
    public double fitRmse() {
        return fitRmse;
    }

    /**
     * Fits the predictor on {@code inputs} (each the first k values of a curve, all the same k) and
     * {@code finals} (each curve's last value): full-batch Adam (learning rate 0.01) for {@code steps}
     * steps from a seeded initialisation.
     */
    public static CurvePredictor fit(List<double[]> inputs, double[] finals, long seed, int steps) {
        int n = inputs.size();
        if (n < 2 || finals.length != n) {
            throw new IllegalArgumentException("the predictor needs at least two curves with their final values, got " + n);
        }
        int k = inputs.get(0).length;
        double sum = 0;
        double squares = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            for (double v : inputs.get(i)) {
                sum += v;
                squares += v * v;
                count++;
            }
            sum += finals[i];
            squares += finals[i] * finals[i];
            count++;
        }
        double mean = sum / count;
        double scale = Math.sqrt(Math.max(squares / count - mean * mean, 1e-12));
        float[] x = new float[n * k];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            if (inputs.get(i).length != k) {
                throw new IllegalArgumentException("every curve must give the same number of epochs");
            }
            for (int t = 0; t < k; t++) {
                x[i * k + t] = (float) ((inputs.get(i)[t] - mean) / scale);
            }
            y[i] = (float) ((finals[i] - mean) / scale);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = new float[PARAMETERS];
        for (int j = 0; j < PARAMETERS; j++) {
            p[j] = (float) ((random.nextDouble() - 0.5) * 0.6);
        }
        // The forget gate starts open: a curve's level carries through the steps.
        p[9] = 1f;
        float[] m = new float[PARAMETERS];
        float[] v = new float[PARAMETERS];
        double beta1 = 0.9;
        double beta2 = 0.999;
        double rate = 0.01;
        for (int step = 1; step <= steps; step++) {
            float[] grad = gradient(p, x, y, n, k);
            for (int j = 0; j < PARAMETERS; j++) {
                m[j] = (float) (beta1 * m[j] + (1 - beta1) * grad[j]);
                v[j] = (float) (beta2 * v[j] + (1 - beta2) * grad[j] * grad[j]);
                double mHat = m[j] / (1 - Math.pow(beta1, step));
                double vHat = v[j] / (1 - Math.pow(beta2, step));
                p[j] -= (float) (rate * mHat / (Math.sqrt(vHat) + 1e-8));
            }
        }
        CurvePredictor fitted = new CurvePredictor(p, mean, scale, 0);
        double error = 0;
        for (int i = 0; i < n; i++) {
            double d = fitted.predict(inputs.get(i)) - finals[i];
            error += d * d;
        }
        return new CurvePredictor(p, mean, scale, Math.sqrt(error / n));
    }

    /**
     * The gradient of the mean squared error over {@code n} standardised curves of {@code k} values
     * ({@code x} row by row) against {@code y}, by backpropagation through time.
     */
    static float[] gradient(float[] p, float[] x, float[] y, int n, int k) {
        double[] grad = new double[PARAMETERS];
        double[][] gates = new double[k][4];
        double[] cs = new double[k + 1];
        double[] hs = new double[k + 1];
        for (int s = 0; s < n; s++) {
            for (int t = 0; t < k; t++) {
                double xt = x[s * k + t];
                double[] z = new double[4];
                for (int q = 0; q < 4; q++) {
                    z[q] = p[q] * xt + p[4 + q] * hs[t] + p[8 + q];
                }
                gates[t][0] = sigmoid(z[0]);
                gates[t][1] = sigmoid(z[1]);
                gates[t][2] = Math.tanh(z[2]);
                gates[t][3] = sigmoid(z[3]);
                cs[t + 1] = gates[t][1] * cs[t] + gates[t][0] * gates[t][2];
                hs[t + 1] = gates[t][3] * Math.tanh(cs[t + 1]);
            }
            double prediction = p[12] * hs[k] + p[13];
            double dPrediction = 2 * (prediction - y[s]) / n;
            grad[12] += dPrediction * hs[k];
            grad[13] += dPrediction;
            double dh = dPrediction * p[12];
            double dc = 0;
            for (int t = k - 1; t >= 0; t--) {
                double i = gates[t][0];
                double f = gates[t][1];
                double g = gates[t][2];
                double o = gates[t][3];
                double tc = Math.tanh(cs[t + 1]);
                double dO = dh * tc;
                dc += dh * o * (1 - tc * tc);
                double[] dz = {dc * g * i * (1 - i), dc * cs[t] * f * (1 - f), dc * i * (1 - g * g), dO * o * (1 - o)};
                double xt = x[s * k + t];
                double dhPrev = 0;
                for (int q = 0; q < 4; q++) {
                    grad[q] += dz[q] * xt;
                    grad[4 + q] += dz[q] * hs[t];
                    grad[8 + q] += dz[q];
                    dhPrev += dz[q] * p[4 + q];
                }
                dh = dhPrev;
                dc = dc * f;
            }
        }
        float[] out = new float[PARAMETERS];
        for (int j = 0; j < PARAMETERS; j++) {
            out[j] = (float) grad[j];
        }
        return out;
    }

    /** The same gradient by DJL's autograd over the cell written in NDArray operations (for the tests). */
    static float[] djlGradient(float[] p, float[] x, float[] y, int n, int k) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray inputs = manager.create(x, new Shape(n, k));
            NDArray targets = manager.create(y, new Shape(n, 1));
            NDArray params = manager.create(p);
            params.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = forward(params, inputs, k).sub(targets).square().mean();
                collector.backward(loss);
            }
            return params.getGradient().toFloatArray();
        }
    }

    /**
     * The cell over k steps. Parameters: [0..3] input weights, [4..7] recurrent weights, [8..11]
     * biases of the gates i, f, g, o; [12] dense weight, [13] dense bias.
     */
    private static NDArray forward(NDArray params, NDArray x, int k) {
        NDArray w = params.get("0:4").reshape(1, 4);
        NDArray u = params.get("4:8").reshape(1, 4);
        NDArray b = params.get("8:12").reshape(1, 4);
        long n = x.getShape().get(0);
        NDArray h = x.getManager().zeros(new Shape(n, 1));
        NDArray c = x.getManager().zeros(new Shape(n, 1));
        for (int t = 0; t < k; t++) {
            NDArray xt = x.get(":, " + t + ":" + (t + 1));
            NDArray gates = xt.matMul(w).add(h.matMul(u)).add(b);
            NDArray i = ai.djl.nn.Activation.sigmoid(gates.get(":, 0:1"));
            NDArray f = ai.djl.nn.Activation.sigmoid(gates.get(":, 1:2"));
            NDArray g = gates.get(":, 2:3").tanh();
            NDArray o = ai.djl.nn.Activation.sigmoid(gates.get(":, 3:4"));
            c = f.mul(c).add(i.mul(g));
            h = o.mul(c.tanh());
        }
        return h.mul(params.get("12:13")).add(params.get("13:14"));
    }

    /** The predicted final value of a curve from its first k values. */
    public double predict(double[] first) {
        float[] p = parameters;
        double h = 0;
        double c = 0;
        for (double value : first) {
            double xt = (value - mean) / scale;
            double i = sigmoid(p[0] * xt + p[4] * h + p[8]);
            double f = sigmoid(p[1] * xt + p[5] * h + p[9]);
            double g = Math.tanh(p[2] * xt + p[6] * h + p[10]);
            double o = sigmoid(p[3] * xt + p[7] * h + p[11]);
            c = f * c + i * g;
            h = o * Math.tanh(c);
        }
        return (p[12] * h + p[13]) * scale + mean;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The fitted parameters (for the record: there are {@value #PARAMETERS}). */
    public float[] parameters() {
        return parameters.clone();
    }
}
