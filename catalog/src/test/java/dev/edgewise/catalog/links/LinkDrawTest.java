package dev.edgewise.catalog.links;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LinkDrawTest {

    /** One sample, one round, one receiver, two senders; 5 values, 2 per packet: packets of 2, 2 and 1 values. */
    private static final LinkShape SHAPE = new LinkShape(2, 1, 1, 5, 8);

    @Test
    void masksCombineAliveAndArrived() {
        float[] alive = {1, 0};
        float[] arrived = {1, 0, 1, /* sender 1, silent: */ 1, 1, 1};
        LinkDraw draw = new LinkDraw(1, SHAPE, 2, alive, arrived);

        assertEquals(3, draw.packets());
        assertEquals(1, draw.packetOf(3));
        assertEquals(2, draw.packetOf(4));
        assertEquals(1, draw.valuesIn(2));
        assertArrayEquals(new float[] {0, 0}, draw.messageMask());
        assertArrayEquals(new float[] {1, 1, 0, 0, 1, /* silent: */ 0, 0, 0, 0, 0}, draw.valueMask());
        assertEquals(1, draw.packetsLost(0, 0, 0, 0));
        assertEquals(0, draw.packetsLost(0, 0, 0, 1), "a silent sender loses nothing: it sent nothing");
        assertEquals(3, draw.valuesDelivered(0, 0, 0, 0));
        assertEquals(3, draw.packetsSent());
        assertEquals(2, draw.packetsDelivered());
        assertEquals(1, draw.packetsLost());
    }

    @Test
    void arraysMustFitTheShape() {
        assertThrows(IllegalArgumentException.class, () -> new LinkDraw(1, SHAPE, 2, new float[2], new float[5]));
        assertThrows(IllegalArgumentException.class, () -> new LinkDraw(1, SHAPE, 2, new float[1], new float[6]));
        assertThrows(IllegalArgumentException.class, () -> new LinkDraw(0, SHAPE, 2, new float[0], new float[0]));
        assertThrows(IllegalArgumentException.class, () -> new LinkShape(0, 1, 1, 1, 1));
    }
}
