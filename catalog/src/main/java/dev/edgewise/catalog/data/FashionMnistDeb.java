package dev.edgewise.catalog.data;

import dev.edgewise.catalog.data.files.IdxFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017; MIT): the 10,000 labelled 28x28 grey images of its
 * test split ({@code t10k}, 1,000 per class: T-shirt, trouser, pullover, dress, coat, sandal,
 * shirt, sneaker, bag, ankle boot), as Debian ships them in {@code dataset-fashion-mnist}
 * 0.0~git20200523.55506a9-1 (architecture all). The 60,000 training images are left out on purpose:
 * as floats they would take 190 MB of heap for every run, and an experiment splits these 10,000
 * into its own training and test samples, as with {@code mnist}.
 *
 * <p>First use runs {@code apt-get download} (no install, no root), checks the package's pinned
 * SHA-256, and keeps the two gzipped IDX files in the data cache, each with its checksum; they are
 * read by the same IDX reader as a user's files.
 */
public final class FashionMnistDeb {

    public static final String NAME = "fashion-mnist";
    public static final String PACKAGE = "dataset-fashion-mnist";
    public static final String VERSION = "0.0~git20200523.55506a9-1";
    /** SHA-256 of the package file, the same on every architecture (it is "all"). */
    static final String DEB_SHA256 = "39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0";
    static final String DIR = "usr/share/datasets/fashion-mnist/";
    static final String IMAGES = "t10k-images-idx3-ubyte.gz";
    static final String LABELS = "t10k-labels-idx1-ubyte.gz";
    static final String CACHE_ENTRY = "datasets/dataset-fashion-mnist-20200523";
    private static final String SOURCE = "debian:" + PACKAGE + "=" + VERSION + " " + DIR + "t10k-*";
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);

    private FashionMnistDeb() {}

    /** The images, fetched on first use; a package file placed by hand at {@link #manualPackage(DataCache)} is used instead of apt-get. */
    public static ImageDataset load(DataCache cache) {
        Path manual = manualPackage(cache);
        String advice = "download the package with 'apt-get download " + PACKAGE + "=" + VERSION + "' (sha256 " + DEB_SHA256
                + ") on a Debian machine and put it at " + manual;
        AptDownload apt = new AptDownload("apt-get", PACKAGE, VERSION, APT_TIMEOUT, advice);
        return load(cache, scratch -> Files.isRegularFile(manual) ? manual : apt.get(scratch), DEB_SHA256);
    }

    /** Where {@link #load(DataCache)} looks for a hand-downloaded package file. */
    public static Path manualPackage(DataCache cache) {
        return cache.dir(CACHE_ENTRY).resolve(PACKAGE + "_" + VERSION + "_all.deb");
    }

    static ImageDataset load(DataCache cache, MnistNpm.TarballSupplier packages, String expectedSha256) {
        Path dir = cache.dir(CACHE_ENTRY);
        try {
            // One download serves both files: the labels read with the images wait here for their own cache entry.
            byte[][] labelsFromPackage = new byte[1][];
            byte[] images = CachedFile.get(dir, IMAGES, null, scratch -> {
                Path deb = verified(packages, scratch, expectedSha256);
                labelsFromPackage[0] = DebArchive.read(deb, DIR + LABELS);
                return DebArchive.read(deb, DIR + IMAGES);
            });
            byte[] labels = CachedFile.get(dir, LABELS, null, scratch -> labelsFromPackage[0] != null ? labelsFromPackage[0]
                    : DebArchive.read(verified(packages, scratch, expectedSha256), DIR + LABELS));
            String fingerprint = "sha256:" + Sha256.of((Sha256.of(images) + " " + Sha256.of(labels)).getBytes(StandardCharsets.US_ASCII));
            return IdxFiles.read(NAME, IMAGES, images, LABELS, labels, SOURCE, fingerprint);
        } catch (IOException e) {
            throw new DataException("cannot prepare " + PACKAGE + "=" + VERSION + " in the data cache " + cache.root() + ": " + e,
                    "make sure the directory is writable, or set EDGEWISE_CACHE to a writable directory", e);
        }
    }

    private static Path verified(MnistNpm.TarballSupplier packages, Path scratch, String expectedSha256) throws IOException {
        Path deb = packages.get(scratch);
        String actual = Sha256.of(deb);
        if (!actual.equals(expectedSha256)) {
            throw new DataException("checksum mismatch for " + deb.getFileName() + ": expected sha256 " + expectedSha256 + ", got " + actual,
                    "the mirror served another release than " + PACKAGE + "=" + VERSION);
        }
        return deb;
    }
}
