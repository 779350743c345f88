package dev.edgewise.catalog.links;

import java.util.SplittableRandom;

/**
 * The draws the built-in models share. One rule throughout: an event of probability {@code q}
 * takes one {@code random.nextDouble()} and happens when it is below {@code q}, except that an
 * event of probability 0 takes no draw at all (so a model that cannot fail leaves the stream
 * where it was). This is the rule of the engine's original LinkSampler, which the Bernoulli model
 * reproduces bit for bit.
 */
final class Draws {

    private Draws() {}

    /** Whether an event of probability {@code q} happens; no draw when {@code q == 0}. */
    static boolean happens(double q, SplittableRandom random) {
        return q > 0 && random.nextDouble() < q;
    }

    /** Node failure of sample {@code sample}: one event of probability {@code nodeFailure} per sender, in sender order. */
    static void drawAlive(float[] alive, int sample, int senders, double nodeFailure, SplittableRandom random) {
        for (int j = 0; j < senders; j++) {
            alive[sample * senders + j] = happens(nodeFailure, random) ? 0f : 1f;
        }
    }

    /**
     * Independent loss: for each sample, node failure (see {@link #drawAlive}), then for each
     * round r, receiver i, sender j and packet k in that order, packet k is lost with probability
     * {@code failure}.
     */
    static LinkDraw independent(int samples, LinkShape shape, int valuesPerPacket, double failure, double nodeFailure,
            SplittableRandom random) {
        int senders = shape.senders();
        int perSample = LinkDraw.size(shape.messages(), (shape.values() + valuesPerPacket - 1) / valuesPerPacket);
        float[] alive = new float[LinkDraw.size(samples, senders)];
        float[] arrived = new float[LinkDraw.size(samples, perSample)];
        for (int b = 0; b < samples; b++) {
            drawAlive(alive, b, senders, nodeFailure, random);
            for (int at = b * perSample; at < (b + 1) * perSample; at++) {
                arrived[at] = happens(failure, random) ? 0f : 1f;
            }
        }
        return new LinkDraw(samples, shape, valuesPerPacket, alive, arrived);
    }

    /** {@code value}, checked to be a probability; the error names the spec key. */
    static double probability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("links." + name + " must be in [0, 1], got " + value);
        }
        return value;
    }
}
