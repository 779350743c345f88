package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizedImageFileTest {

    @TempDir
    Path temp;

    @Test
    void roundTrip() throws IOException {
        Path file = temp.resolve("images.bin");
        QuantizedImageFile.write(file, 2, 3, 1000, new byte[] {(byte) 200, 4},
                new short[] {0, 1, 250, 500, 999, 1000, 1000, 624, 3, 2, 1, 0});
        QuantizedImageFile.Content c = QuantizedImageFile.read(file);
        assertEquals(2, c.height());
        assertEquals(3, c.width());
        assertArrayEquals(new int[] {200, 4}, c.labels());
        assertArrayEquals(new float[] {0f, 0.001f, 0.25f, 0.5f, 0.999f, 1f, 1f, 0.624f, 0.003f, 0.002f, 0.001f, 0f},
                c.pixels());
        assertEquals(24 + 2 + 2 * 12, Files.size(file));
        assertEquals(Sha256.of(file), c.sha256());
    }

    @Test
    void rejectsDamage() throws IOException {
        Path file = temp.resolve("images.bin");
        QuantizedImageFile.write(file, 1, 2, 10, new byte[] {1}, new short[] {3, 10});
        byte[] good = Files.readAllBytes(file);

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 1));
        assertCorrupt(file, "28 bytes, the header implies 29");

        byte[] magic = good.clone();
        magic[0] = 'X';
        Files.write(file, magic);
        assertCorrupt(file, "bad magic");

        byte[] tooBright = good.clone();
        tooBright[tooBright.length - 1] = 11;
        Files.write(file, tooBright);
        assertCorrupt(file, "pixel 1 is 11/10, above 1");

        Files.write(file, new byte[3]);
        assertCorrupt(file, "shorter than the header");
    }

    private static void assertCorrupt(Path file, String problem) {
        var e = assertThrows(QuantizedImageFile.CorruptException.class, () -> QuantizedImageFile.read(file));
        assertTrue(e.getMessage().endsWith(problem), e.getMessage());
    }
}
