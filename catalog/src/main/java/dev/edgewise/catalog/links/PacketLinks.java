package dev.edgewise.catalog.links;

import dev.edgewise.dsl.spec.PacketLinksSpec;
import java.util.SplittableRandom;

/**
 * Packetised loss ({@code kind: packets}): a message goes out as {@link LinkShape#packets(int)
 * ceil(values / valuesPerPacket)} packets of {@code payload} bytes, with {@code valuesPerPacket =
 * max(1, floor(8 payload / bitsPerValue))} (values in order, none straddling two packets); each
 * packet is lost on its own with probability {@code failure}, and every sender is silent for a
 * whole sample with probability {@code node_failure}. What a lost packet costs is the family's
 * choice: {@link LinkDraw#valueMask()} zeroes the values it carried, {@link LinkDraw#messageMask()}
 * drops the whole message.
 *
 * <p>Draw order, fixed: for each sample b, for each sender j, node failure ({@code nextDouble() <
 * nodeFailure}); then for each round r, receiver i, sender j and packet k, loss ({@code nextDouble()
 * < failure}). A probability of 0 takes no draw. With one packet per message this is exactly
 * {@link BernoulliLinks}' order.
 */
public final class PacketLinks extends SpecLinks<PacketLinksSpec> {

    public PacketLinks(PacketLinksSpec spec) {
        super(spec);
        if (spec.payload() < 1) {
            throw new IllegalArgumentException("links.payload must be at least 1 byte, got " + spec.payload());
        }
        Draws.probability("failure", spec.failure());
    }

    @Override
    public int packets(LinkShape shape) {
        return shape.packets(spec().payload());
    }

    @Override
    public LinkDraw draw(int samples, LinkShape shape, SplittableRandom random) {
        return Draws.independent(samples, shape, shape.valuesPerPacket(spec().payload()), spec().failure(),
                spec().nodeFailure(), random);
    }
}
