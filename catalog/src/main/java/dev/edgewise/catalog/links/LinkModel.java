package dev.edgewise.catalog.links;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * How transmissions fail: draws, for a batch of samples, which senders are silent and which
 * packets arrive. Public SPI: a project's own link model implements this and is registered in a
 * {@link LinkModelRegistry} under its spec record.
 *
 * <p>Contract: {@link #draw} takes every random number from the {@code SplittableRandom} it is
 * given and from nothing else, in a fixed order the implementation documents, so the same seed
 * always gives the same draw; it returns a {@link LinkDraw} of {@code samples} samples, {@code
 * shape}, and {@link #packets(LinkShape)} packets per message. Implementations are immutable and
 * safe to share between threads (each thread brings its own random).
 */
public interface LinkModel {

    /**
     * True when nothing is ever lost (no silent sender, no lost packet): every draw is all ones, so
     * callers draw once and broadcast one row to the whole batch.
     */
    boolean reliable();

    /** Packets one message of {@code shape} goes out as; the unit a {@link LinkDraw} loses. */
    int packets(LinkShape shape);

    /**
     * Draws {@code samples} independent samples of {@code shape}.
     *
     * @param samples at least 1
     * @param random the only source of randomness; advanced by the draw
     */
    LinkDraw draw(int samples, LinkShape shape, SplittableRandom random);

    /**
     * The radio the transmissions go over, when the model knows one: what they cost in time on air
     * and energy. Empty by default (an abstract link costs bytes only).
     */
    default Optional<Radio> radio() {
        return Optional.empty();
    }
}
