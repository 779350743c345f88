package dev.edgewise.engine.train;

import dev.edgewise.catalog.links.LinkDraw;
import dev.edgewise.catalog.links.LinkModel;
import dev.edgewise.catalog.links.LinkModelRegistry;
import dev.edgewise.catalog.links.LinkShape;
import dev.edgewise.catalog.links.Radio;
import dev.edgewise.dsl.spec.BernoulliLinksSpec;
import dev.edgewise.dsl.spec.LinksSpec;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A family's transmissions through the spec's link model: what one batch's messages meet on the
 * air. In training, links fail only when {@code links.in_training} says so; at test, always.
 * When nothing can be lost, one draw (drawing nothing from the stream) serves the whole batch.
 */
public final class LinkChannel {

    private static final LinksSpec PERFECT = new BernoulliLinksSpec(0.0, 0.0, false);

    private final LinkModel model;
    private final LinkShape shape;

    private LinkChannel(LinkModel model, LinkShape shape) {
        this.model = model;
        this.shape = shape;
    }

    /** The channel of {@code links} for transmissions of {@code shape}, as training or test sees it. */
    public static LinkChannel of(LinkModelRegistry registry, LinksSpec links, boolean training, LinkShape shape) {
        LinksSpec active = training && !links.inTraining() ? PERFECT : links;
        return new LinkChannel(registry.create(active), shape);
    }

    public LinkShape shape() {
        return shape;
    }

    /** True when nothing can be lost: every draw would be all ones. */
    public boolean reliable() {
        return model.reliable();
    }

    /** The radio the transmissions go over, when the link model knows one. */
    public Optional<Radio> radio() {
        return model.radio();
    }

    /** Packets one message takes on this channel. */
    public int packets() {
        return model.packets(shape);
    }

    /** The fates of {@code batch} samples' transmissions: one row for all when nothing can be lost. */
    public LinkDraw draw(int batch, SplittableRandom random) {
        return model.draw(model.reliable() ? 1 : batch, shape, random);
    }
}
