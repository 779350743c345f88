package dev.edgewise.engine.family.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HuffmanCodeTest {

    @Test
    void theTextbookCode() {
        // Counts 4, 2, 1, 1: the most frequent bin gets one bit, the next two, the rarest three.
        HuffmanCode code = HuffmanCode.fit(new long[] {4, 2, 1, 1});
        assertArrayEquals(new int[] {1, 2, 3, 3}, code.lengths());
        assertEquals(4 + 4 + 3 + 3, code.bits(new long[] {4, 2, 1, 1}));
        // Canonical codes 0, 10, 110, 111: symbols 0 1 2 3 pack into 0 10 110 111 -> 01011011 1(0000000).
        assertArrayEquals(new byte[] {(byte) 0b01011011, (byte) 0b10000000}, code.encode(new int[] {0, 1, 2, 3}));
    }

    @Test
    void roundTripsAndStaysWithinOneBitOfTheEntropy() {
        Random random = new Random(11);
        int bins = 13; // any bin count, not only powers of two
        int[] symbols = new int[5000];
        long[] counts = new long[bins];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = (int) Math.min(bins - 1, Math.abs(random.nextGaussian() * 3)); // peaked, like quantised activations
            counts[symbols[i]]++;
        }
        HuffmanCode code = HuffmanCode.fit(counts);
        byte[] bytes = code.encode(symbols);

        assertArrayEquals(symbols, code.decode(bytes, symbols.length));
        assertEquals((code.bits(counts) + 7) / 8, bytes.length);
        double entropy = HuffmanCode.entropyBits(counts);
        assertTrue(code.bits(counts) >= entropy && code.bits(counts) < entropy + symbols.length, code.bits(counts) + " vs " + entropy);
    }

    @Test
    void oneUsedSymbolStillCostsOneBitAndUnusedOnesHaveNoCode() {
        HuffmanCode code = HuffmanCode.fit(new long[] {0, 9, 0});
        assertArrayEquals(new int[] {0, 1, 0}, code.lengths());
        assertArrayEquals(new int[] {1, 1, 1}, code.decode(code.encode(new int[] {1, 1, 1}), 3));
        assertThrows(IllegalArgumentException.class, () -> code.encode(new int[] {0}));
    }
}
