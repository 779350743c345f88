package dev.edgewise.catalog.data.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.spec.CsvFileSpec;
import dev.edgewise.dsl.spec.DataFileSpec;
import dev.edgewise.dsl.spec.DataSpec;
import dev.edgewise.dsl.spec.IdxFileSpec;
import dev.edgewise.dsl.spec.ImageFolderSpec;
import dev.edgewise.dsl.spec.NpyFileSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDataTest {

    @TempDir
    Path dir;

    private DataCache cache() {
        return DataCache.at(dir.resolve("cache"));
    }

    private static DataSpec data(DataFileSpec file, double holdout) {
        return new DataSpec(DataSpec.FILE, 10, 5, holdout, null, null, file);
    }

    private static CsvFileSpec csv(Path file, List<String> features, String target, String site, String targetSite, int window,
            Integer bins) {
        return new CsvFileSpec(file.toString(), null, features, target, "t", site, targetSite, window, 1, 1, bins, CsvFileSpec.Scaling.MINMAX);
    }

    private Path series(String name, int steps) throws IOException {
        StringBuilder text = new StringBuilder("t,a,y\n");
        for (int t = 0; t < steps; t++) {
            text.append(t).append(',').append(t).append(',').append(t % 3).append('\n');
        }
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aSeriesIsScaledOnItsTrainingStepsOnlyAndTestValuesClip() throws IOException {
        // 100 steps, window 5, horizon 1: 95 windows; 19 held out, a gap of 6, 70 for training,
        // whose windows and labels touch steps 0..74. So a = t scales as t / 74, clipped to 1.
        ImageDataset d = UserData.load(data(csv(series("s.csv", 100), List.of("a"), "y", null, null, 5, null), 0.2), cache());

        assertEquals(95, d.size());
        assertEquals(5, d.height());
        assertEquals(1, d.width());
        assertEquals(6, d.window(), "test windows start a window and a horizon after the last training step");
        assertEquals(10 / 74f, d.image(10)[0], 1e-6);
        assertEquals(1f, d.image(94)[4], "step 98 is above the training maximum: clipped");
        assertEquals((0 + 5) % 3, d.labels()[0], "the label is the target one step after the window");
        assertEquals(32, d.bitsPerValue());
    }

    @Test
    void binsAreCutAtQuantilesOfTheTrainingTargets() throws IOException {
        ImageDataset d = UserData.load(data(csv(series("b.csv", 100), List.of("a"), "a", null, null, 5, 2), 0.2), cache());

        // Training labels are targets at steps 5..74; the median cut is 40.
        assertEquals(0, d.labels()[0]);
        assertEquals(0, d.labels()[34], "target 39");
        assertEquals(1, d.labels()[35], "target 40");
        assertEquals(1, d.labels()[94]);
    }

    @Test
    void sitesOfALongFileSitSideBySideAndATsvIsSplitOnTabs() throws IOException {
        StringBuilder text = new StringBuilder("site\tt\ta\tb\ty\n");
        for (String site : List.of("north", "south")) {
            for (int t = 0; t < 20; t++) {
                text.append(site).append('\t').append(t).append('\t').append(site.equals("north") ? t : 2 * t).append('\t')
                        .append(19 - t).append('\t').append(site.equals("south") ? 1 : 0).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("long.tsv"), text);

        ImageDataset d = UserData.load(data(csv(file, List.of("a", "b"), "y", "site", "south", 4, null), 0.25), cache());

        assertEquals(4, d.width(), "2 sites x 2 features");
        assertEquals(1, d.labels()[0], "the target of site south");
        float[] first = d.image(0);
        assertEquals(0f, first[0]);
        assertEquals(1f, first[1], "north's b is 19 at step 0: its training maximum");
        assertEquals(first[4], first[6], 1e-6, "a scaled per column: north's t and south's 2t give the same values");
    }

    @Test
    void theFingerprintIsOfContentsAndOptionsNotOfWhereTheFileIs() throws IOException {
        Path one = series("one.csv", 50);
        Path other = Files.createDirectories(dir.resolve("elsewhere")).resolve("two.csv");
        Files.copy(one, other);
        String a = UserData.load(data(csv(one, List.of("a"), "y", null, null, 5, null), 0.2), cache()).fingerprint();
        String b = UserData.load(data(csv(other, List.of("a"), "y", null, null, 5, null), 0.2), cache()).fingerprint();
        String window = UserData.load(data(csv(one, List.of("a"), "y", null, null, 6, null), 0.2), cache()).fingerprint();
        String holdout = UserData.load(data(csv(one, List.of("a"), "y", null, null, 5, null), 0.3), cache()).fingerprint();

        assertEquals(a, b);
        assertNotEquals(a, window);
        assertNotEquals(a, holdout, "the training part, on which scaling is fitted, depends on the holdout");

        byte[] content = Files.readAllBytes(other);
        content[content.length - 2] = (byte) (content[content.length - 2] == '1' ? '2' : '1');
        Files.write(other, content);
        assertNotEquals(a, UserData.load(data(csv(other, List.of("a"), "y", null, null, 5, null), 0.2), cache()).fingerprint());
    }

    @Test
    void theConversionIsCachedByFingerprintAndADamagedCacheIsRebuilt() throws IOException {
        DataSpec spec = data(csv(series("c.csv", 40), List.of("a"), "y", null, null, 5, null), 0.2);
        ImageDataset first = UserData.load(spec, cache());
        Path converted = cache().dir("datasets/files/" + first.fingerprint().substring("sha256:".length())).resolve("data.bin");
        assertTrue(Files.isRegularFile(converted));

        assertEquals(first, UserData.load(spec, cache()), "read back from the cache");
        byte[] bytes = Files.readAllBytes(converted);
        bytes[bytes.length - 1] ^= 1;
        Files.write(converted, bytes);
        assertEquals(first, UserData.load(spec, cache()), "a cache file that fails its checksum is converted again");
    }

    @Test
    void idxFilesReadTheSameGzippedOrNotAndLimitTakesTheFirstItems() throws IOException {
        ByteBuffer items = ByteBuffer.allocate(16 + 3 * 4).putInt(0x803).putInt(3).putInt(2).putInt(2);
        for (int i = 0; i < 12; i++) {
            items.put((byte) (i * 20));
        }
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 3, 2, 0, 1};
        Path x = Files.write(dir.resolve("x.idx"), items.array());
        Path xz = Files.write(dir.resolve("x.idx.gz"), gzip(items.array()));
        Path y = Files.write(dir.resolve("y.idx"), labels);

        ImageDataset plain = UserData.load(data(new IdxFileSpec(x.toString(), y.toString(), null), 0.2), cache());
        ImageDataset zipped = UserData.load(data(new IdxFileSpec(xz.toString(), y.toString(), null), 0.2), cache());
        ImageDataset two = UserData.load(data(new IdxFileSpec(x.toString(), y.toString(), 2), 0.2), cache());

        assertArrayEquals(plain.pixels(), zipped.pixels());
        assertEquals(plain.fingerprint().length(), zipped.fingerprint().length());
        assertArrayEquals(new int[] {2, 0, 1}, plain.labels());
        assertEquals(220 / 255f, plain.pixels()[11]);
        assertEquals(2, two.size());
        DataFileException tooMany = assertThrows(DataFileException.class,
                () -> UserData.load(data(new IdxFileSpec(x.toString(), y.toString(), 4), 0.2), cache()));
        assertEquals("file.limit", tooMany.field());
    }

    @Test
    void npyArraysOfBytesOrFloatsWithIntegerLabels() throws IOException {
        ByteBuffer floats = ByteBuffer.allocate(6 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            floats.putFloat(i / 10f);
        }
        Path x = Files.write(dir.resolve("x.npy"), npy("<f4", "(2, 3)", floats.array()));
        Path xb = Files.write(dir.resolve("xb.npy"), npy("|u1", "(2, 3)", new byte[] {0, 51, 102, (byte) 153, (byte) 204, (byte) 255}));
        Path y = Files.write(dir.resolve("y.npy"), npy("<i4", "(2,)", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(4).putInt(1).array()));

        ImageDataset f = UserData.load(data(new NpyFileSpec(x.toString(), y.toString()), 0.5), cache());
        ImageDataset b = UserData.load(data(new NpyFileSpec(xb.toString(), y.toString()), 0.5), cache());

        assertEquals(1, f.height());
        assertEquals(3, f.width());
        assertEquals(0.5f, f.pixels()[5], 1e-7);
        assertEquals(32, f.bitsPerValue());
        assertEquals(1f, b.pixels()[5]);
        assertEquals(8, b.bitsPerValue());
        assertArrayEquals(new int[] {4, 1}, b.labels());
    }

    @Test
    void aFlatFolderWithALabelsCsvReadsPngAndJpegAsGreyAtThePinnedSize() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("flat"));
        write(folder.resolve("a.png"), constant(8, 6, 0x808080), "png");
        write(folder.resolve("b.jpg"), constant(5, 7, 0xFFFFFF), "jpg");
        Path labels = Files.writeString(folder.resolve("labels.csv"), "file,label\nb.jpg,dog\na.png,cat\n");

        for (ImageFolderSpec.Filter filter : ImageFolderSpec.Filter.values()) {
            ImageDataset d = UserData.load(data(new ImageFolderSpec(folder.toString(), labels.toString(), List.of(3, 4), filter), 0.5), cache());
            assertEquals(3, d.height());
            assertEquals(4, d.width());
            assertArrayEquals(new int[] {1, 0}, d.labels(), "names numbered in sorted order: cat 0, dog 1; items in the CSV's order");
            for (float v : d.image(1)) {
                assertEquals(128 / 255f, v, 1e-6, filter + " keeps a constant image constant");
            }
            for (float v : d.image(0)) {
                assertTrue(v > 0.98f, filter + ": white JPEG stays white, got " + v);
            }
        }
    }

    @Test
    void resamplingFiltersAreTheNamedOnes() {
        float[] in = new float[16];
        for (int i = 0; i < 16; i++) {
            in[i] = i / 15f;
        }
        float[] nearest = new float[4];
        float[] bilinear = new float[4];
        Resize.resize(in, 4, 4, nearest, 0, 2, 2, ImageFolderSpec.Filter.NEAREST);
        Resize.resize(in, 4, 4, bilinear, 0, 2, 2, ImageFolderSpec.Filter.BILINEAR);

        assertEquals(5 / 15f, nearest[0], 1e-6, "the source pixel under the target's centre: (1, 1)");
        assertEquals((0 + 1 + 4 + 5) / 4f / 15f, bilinear[0], 1e-6, "halfway between four pixels: their mean");
        assertEquals(1.0, Resize.keys(0), 1e-12);
        assertEquals(0.0, Resize.keys(1), 1e-12);
        assertEquals(0.0, Resize.keys(2), 1e-12);
    }

    @Test
    void anEmptyClassFolderAndAnUndecodableImageSayWhich() throws IOException {
        Path root = Files.createDirectories(dir.resolve("classes"));
        write(Files.createDirectories(root.resolve("a")).resolve("one.png"), constant(2, 2, 0), "png");
        Files.createDirectories(root.resolve("b"));
        DataFileException empty = assertThrows(DataFileException.class,
                () -> UserData.load(data(new ImageFolderSpec(root.toString(), null, List.of(2, 2), null), 0.5), cache()));
        assertEquals(root.resolve("b").toString(), empty.file());

        Files.writeString(root.resolve("b").resolve("two.png"), "not a png");
        DataFileException broken = assertThrows(DataFileException.class,
                () -> UserData.load(data(new ImageFolderSpec(root.toString(), null, List.of(2, 2), ImageFolderSpec.Filter.BILINEAR), 0.5),
                        cache()));
        assertEquals(root.resolve("b").resolve("two.png").toString(), broken.file());
    }

    private static BufferedImage constant(int h, int w, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static void write(Path file, BufferedImage image, String format) throws IOException {
        assertTrue(ImageIO.write(image, format, file.toFile()));
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] npy(String descr, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((total + 63) / 64 * 64 - total) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        return out.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data).array();
    }
}
