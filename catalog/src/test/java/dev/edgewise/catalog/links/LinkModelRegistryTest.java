package dev.edgewise.catalog.links;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.spec.BernoulliLinksSpec;
import dev.edgewise.dsl.spec.GilbertElliottLinksSpec;
import dev.edgewise.dsl.spec.LinksSpec;
import dev.edgewise.dsl.spec.LoraLinksSpec;
import dev.edgewise.dsl.spec.PacketLinksSpec;
import dev.edgewise.dsl.spec.Variant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinkModelRegistryTest {

    /** A user's own link model: every message lost, deterministically, for a test. */
    @Variant("test-drop-all")
    record DropAllLinksSpec(double nodeFailure, boolean inTraining) implements LinksSpec {
        @Override
        public boolean reliable() {
            return false;
        }
    }

    /** A spec nobody registered a model for. */
    @Variant("test-unregistered")
    record UnknownLinksSpec(double nodeFailure, boolean inTraining) implements LinksSpec {
        @Override
        public boolean reliable() {
            return true;
        }
    }

    private final LinkModelRegistry registry = new LinkModelRegistry();

    @Test
    void createsTheBuiltInsFromTheirSpecs() {
        assertEquals(List.of(BernoulliLinksSpec.class, GilbertElliottLinksSpec.class, PacketLinksSpec.class, LoraLinksSpec.class),
                List.copyOf(registry.specs()));
        assertInstanceOf(BernoulliLinks.class, registry.create(new BernoulliLinksSpec(0.1, 0, true)));
        assertInstanceOf(GilbertElliottLinks.class, registry.create(new GilbertElliottLinksSpec(0.1, 0.2, 0, 1, 0, true)));
        assertInstanceOf(PacketLinks.class, registry.create(new PacketLinksSpec(51, 0.1, 0, true)));
        assertInstanceOf(LoraLinks.class, registry.create(LoraLinksTest.lora(9, null, false, 0.1, null)));
    }

    @Test
    void aPluginRegistersItsOwnSpecRecord() {
        registry.register(DropAllLinksSpec.class, spec -> new LinkModel() {
            @Override
            public boolean reliable() {
                return false;
            }

            @Override
            public int packets(LinkShape shape) {
                return 1;
            }

            @Override
            public LinkDraw draw(int samples, LinkShape shape, SplittableRandom random) {
                float[] alive = new float[samples * shape.senders()];
                Arrays.fill(alive, 1f);
                return LinkDraw.ofMessages(samples, shape, alive, new float[samples * shape.messages()]);
            }
        });

        LinkModel model = registry.create(new DropAllLinksSpec(0, true));
        LinkDraw draw = model.draw(2, LinkShape.upward(3, 4, 8), new SplittableRandom(1));
        assertEquals(6, draw.packetsLost());
        assertTrue(registry.specs().contains(DropAllLinksSpec.class));
    }

    @Test
    void anUnregisteredSpecIsAClearError() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> registry.create(new UnknownLinksSpec(0, true))).getMessage();
        assertEquals("no link model is registered for links kind 'test-unregistered' (" + UnknownLinksSpec.class.getName()
                + "); register one with Catalog.links().register(UnknownLinksSpec.class, factory);"
                + " registered: bernoulli, gilbert-elliott, packets, lora", message);
    }

    @Test
    void aSpecClassCannotBeRegisteredTwice() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> registry.register(BernoulliLinksSpec.class, spec -> null)).getMessage();
        assertEquals("a link model for " + BernoulliLinksSpec.class.getName() + " is already registered", message);
    }

    @Test
    void invalidSpecsNameTheirKind() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> registry.create(new BernoulliLinksSpec(1.5, 0, true))).getMessage();
        assertEquals("links kind 'bernoulli': links.failure must be in [0, 1], got 1.5", message);
    }

    @Test
    void aFactoryReturningNothingIsAnError() {
        registry.register(UnknownLinksSpec.class, spec -> null);
        assertThrows(IllegalStateException.class, () -> registry.create(new UnknownLinksSpec(0, true)));
    }

    /** reliable() is true exactly when nothing can be lost: check it against 200 samples of 5 x 5 links x 4 rounds. */
    @Test
    void reliableIffNothingIsEverLost() {
        List<LinksSpec> specs = List.of(
                new BernoulliLinksSpec(0, 0, true),
                new BernoulliLinksSpec(0.3, 0, true),
                new BernoulliLinksSpec(0, 0.3, true),
                new PacketLinksSpec(2, 0, 0, true),
                new PacketLinksSpec(2, 0.3, 0, true),
                new PacketLinksSpec(2, 0, 0.3, true),
                new GilbertElliottLinksSpec(0.2, 0.3, 0, 0, 0, true),
                new GilbertElliottLinksSpec(0, 0.3, 0, 1, 0, true),
                new GilbertElliottLinksSpec(0.2, 0, 0.5, 0, 0, true),
                new GilbertElliottLinksSpec(0.2, 0.3, 0, 1, 0, true),
                new GilbertElliottLinksSpec(0.2, 0.3, 0.3, 0, 0, true),
                new GilbertElliottLinksSpec(0.2, 0, 0, 0.5, 0, true),
                new GilbertElliottLinksSpec(0.2, 0.3, 0, 0, 0.3, true));
        for (LinksSpec spec : specs) {
            LinkModel model = registry.create(spec);
            LinkDraw draw = model.draw(200, LinkShape.peers(5, 4, 6, 8), new SplittableRandom(3));
            boolean lostSomething = draw.packetsDelivered() < (long) 200 * 5 * 4 * 5 * draw.packets()
                    || draw.packetsSent() < (long) 200 * 5 * 4 * 5 * draw.packets();
            assertEquals(!lostSomething, model.reliable(), spec.toString());
            assertEquals(spec.reliable(), model.reliable(), spec.toString());
        }
    }
}
