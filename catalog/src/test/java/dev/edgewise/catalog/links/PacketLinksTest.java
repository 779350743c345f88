package dev.edgewise.catalog.links;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgewise.dsl.spec.BernoulliLinksSpec;
import dev.edgewise.dsl.spec.PacketLinksSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PacketLinksTest {

    private static int packets(int values, int bitsPerValue, int payload) {
        return new PacketLinks(new PacketLinksSpec(payload, 0.1, 0, true))
                .packets(new LinkShape(3, 1, 1, values, bitsPerValue));
    }

    @Test
    void aMessageTakesCeilOfValuesOverValuesPerPacket() {
        assertEquals(10, packets(10, 8, 1), "one byte-wide value per one-byte packet");
        assertEquals(1, packets(51, 8, 51), "51 bytes fill one LoRa packet");
        assertEquals(2, packets(52, 8, 51), "one byte more needs a second packet");
        assertEquals(2, packets(100, 8, 51));
        assertEquals(9, packets(100, 32, 51), "floor(408 / 32) = 12 values per packet, ceil(100 / 12) = 9");
        assertEquals(5, packets(10, 12, 4), "floor(32 / 12) = 2 values per packet, none straddling (120 bits would fit in 4)");
        assertEquals(3, packets(3, 1000, 1), "a value wider than a payload still takes one packet of its own");
    }

    /**
     * 10^6 packets (10 samples x 1000 rounds x 10 senders x 10 packets) lost with q = 0.1: relative
     * standard error sqrt(0.9 / (0.1 * 10^6)) = 0.3 %, so 2 % is over six. Messages of 10 packets:
     * 10^5 of them, lost with 1 - 0.9^10 = 0.651, relative standard error 0.23 %.
     */
    @Test
    void packetsAreLostOnTheirOwn() {
        double failure = 0.1;
        LinkShape shape = new LinkShape(10, 1, 1000, 100, 8);
        PacketLinks links = new PacketLinks(new PacketLinksSpec(10, failure, 0, true));
        LinkDraw draw = links.draw(10, shape, new SplittableRandom(21));

        assertEquals(10, draw.packets());
        assertEquals(1_000_000, draw.arrived().length);
        double packetLoss = 1 - BernoulliLinksTest.mean(draw.arrived());
        double messageLoss = 1 - BernoulliLinksTest.mean(draw.messageMask());
        double expectedMessageLoss = 1 - Math.pow(1 - failure, draw.packets());
        System.out.printf("packets: packet loss %.5f (spec %.5f), message loss %.5f (1-(1-p)^10 = %.5f)%n",
                packetLoss, failure, messageLoss, expectedMessageLoss);
        assertEquals(failure, packetLoss, 0.02 * failure);
        assertEquals(expectedMessageLoss, messageLoss, 0.02 * expectedMessageLoss);
        assertEquals(draw.packetsSent() - draw.packetsDelivered(), draw.packetsLost());
        assertEquals(Math.round(packetLoss * 1_000_000), draw.packetsLost());
    }

    @Test
    void valueMaskZeroesExactlyTheValuesOfLostPackets() {
        // 10 values of 12 bits in 4-byte packets: 2 values per packet, 5 packets.
        LinkShape shape = LinkShape.peers(4, 3, 10, 12);
        LinkDraw draw = new PacketLinks(new PacketLinksSpec(4, 0.3, 0.2, true)).draw(5, shape, new SplittableRandom(22));
        assertEquals(5, draw.packets());
        assertEquals(2, draw.valuesPerPacket());

        float[] values = draw.valueMask();
        float[] messages = draw.messageMask();
        int lostValues = 0;
        for (int b = 0; b < 5; b++) {
            for (int r = 0; r < 3; r++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        int message = ((b * 3 + r) * 4 + i) * 4 + j;
                        boolean whole = true;
                        int delivered = 0;
                        for (int v = 0; v < 10; v++) {
                            boolean expected = draw.alive(b, j) && draw.arrived(b, r, i, j, v / 2);
                            assertEquals(expected ? 1f : 0f, values[message * 10 + v], "value " + v + " of message " + message);
                            whole &= expected;
                            delivered += expected ? 1 : 0;
                            lostValues += expected ? 0 : 1;
                        }
                        assertEquals(whole ? 1f : 0f, messages[message]);
                        assertEquals(delivered, draw.valuesDelivered(b, r, i, j));
                        assertEquals(draw.alive(b, j) ? 5 - delivered / 2 : 0, draw.packetsLost(b, r, i, j));
                    }
                }
            }
        }
        assertEquals(true, lostValues > 0, "the draw lost something");
    }

    @Test
    void withOnePacketPerMessageItIsBernoulliDrawForDraw() {
        LinkShape shape = LinkShape.peers(5, 3, 4, 8); // 4 bytes fit one 51-byte packet
        LinkDraw packets = new PacketLinks(new PacketLinksSpec(51, 0.25, 0.1, true)).draw(6, shape, new SplittableRandom(23));
        LinkDraw bernoulli = new BernoulliLinks(new BernoulliLinksSpec(0.25, 0.1, true)).draw(6, shape, new SplittableRandom(23));

        assertEquals(1, packets.packets());
        assertArrayEquals(bernoulli.alive(), packets.alive());
        assertArrayEquals(bernoulli.arrived(), packets.arrived());
    }
}
