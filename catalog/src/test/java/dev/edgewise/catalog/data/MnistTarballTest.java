package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MnistTarballTest {

    @Test
    void plainDecimalsBecomeExactThousandths() {
        assertEquals(0, fast("0"));
        assertEquals(1000, fast("1"));
        assertEquals(624, fast("0.624"));
        assertEquals(200, fast("0.2"));
        assertEquals(80, fast("0.08"));
        assertEquals(1000, fast("1.0"));
        assertEquals(250, fast("0.25000"));
    }

    @Test
    void everythingElseIsLeftToTheExactSlowPath() {
        assertEquals(-1, fast("0.1234"));
        assertEquals(-1, fast("5E-1"));
        assertEquals(-1, fast("-0.5"));
        assertEquals(-1, fast("100"));
        assertEquals(-1, fast("1."));
        assertEquals(-1, fast(".5"));
    }

    private static int fast(String text) {
        // Offset into a larger buffer, as Jackson hands it over.
        String padded = "[[" + text + "]]";
        return MnistTarball.plainThousandths(padded.toCharArray(), 2, text.length());
    }
}
