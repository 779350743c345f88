package dev.edgewise.engine.device;

import dev.edgewise.dsl.spec.DeviceSpec;
import dev.edgewise.dsl.spec.TrainingSpec;
import dev.edgewise.engine.quant.WeightPrecision;

/**
 * One role's memory on its device, in bytes. Flash holds the weights at their storage precision
 * (packed, with their scales) and float32 biases. For inference, RAM holds the input buffer and
 * the activations (float32); the weights are read from flash (memory-mapped, as an ESP32 executes
 * from flash). For on-device training RAM also holds float32 master weights (an update smaller
 * than a quantization step would vanish at the storage precision), their gradients, the
 * optimizer's state (sgd: none; sgd with momentum: one value per parameter; adam: two) and the
 * activations kept for backpropagation through time, in place of the inference activations. The
 * activations are one window's: a device trains on one window at a time and sums a mini-batch's
 * gradients in place (the gradient buffer counted above), so the batch size costs no RAM.
 *
 * @param optimizerCopies optimizer state, in copies of the parameters (0, 1 or 2); 0 without training
 */
public record RoleBudget(String role, String deviceName, DeviceSpec device, boolean training, WeightPrecision precision,
        ModelFootprint footprint, int optimizerCopies) {

    /** Optimizer state in copies of the parameters: sgd 0, sgd with momentum 1, adam 2. */
    public static int optimizerCopies(TrainingSpec training) {
        return switch (training.optimizer()) {
            case ADAM -> 2;
            case SGD -> training.momentum() > 0 ? 1 : 0;
        };
    }

    public static RoleBudget of(String role, String deviceName, DeviceSpec device, boolean training, WeightPrecision precision,
            ModelFootprint footprint, TrainingSpec optimizer) {
        return new RoleBudget(role, deviceName, device, training, precision, footprint, training ? optimizerCopies(optimizer) : 0);
    }

    public long weightBytes() {
        return footprint.weights().stream().mapToLong(t -> precision.bytes(t.values(), t.rows())).sum();
    }

    public long biasBytes() {
        return footprint.biases() * 4;
    }

    public long flashBytes() {
        return weightBytes() + biasBytes();
    }

    public long inputBytes() {
        return footprint.input() * 4;
    }

    /** Inference activations, or, when training, the activations backpropagation through time keeps. */
    public long activationBytes() {
        return (training ? footprint.trainingActivations() : footprint.inferenceActivations()) * 4;
    }

    public long masterWeightBytes() {
        return training ? footprint.parameters() * 4 : 0;
    }

    public long gradientBytes() {
        return training ? footprint.parameters() * 4 : 0;
    }

    public long optimizerBytes() {
        return footprint.parameters() * 4 * optimizerCopies;
    }

    public long ramBytes() {
        // When training, the stack's input is among the kept activations; the window buffer is not counted twice.
        return (training ? 0 : inputBytes()) + activationBytes() + masterWeightBytes() + gradientBytes() + optimizerBytes();
    }

    public boolean fitsFlash() {
        return flashBytes() <= device.flashBytes();
    }

    public boolean fitsRam() {
        return ramBytes() <= device.heapBytes();
    }

    public boolean fits() {
        return fitsFlash() && fitsRam();
    }

    /** Bytes as KiB with one decimal, for messages and tables. */
    public static String kib(long bytes) {
        return String.format("%,.1f KiB", bytes / 1024.0);
    }
}
