package dev.edgewise.catalog.data.files;

import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.catalog.data.Sha256;
import dev.edgewise.catalog.io.AtomicFiles;
import dev.edgewise.dsl.spec.CsvFileSpec;
import dev.edgewise.dsl.spec.DataFileSpec;
import dev.edgewise.dsl.spec.DataSpec;
import dev.edgewise.dsl.spec.IdxFileSpec;
import dev.edgewise.dsl.spec.ImageFolderSpec;
import dev.edgewise.dsl.spec.NpyFileSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code data.file}: reads the files, fingerprints them with the loading options, and
 * converts them into an {@link ImageDataset}, or takes the conversion from the {@link DataCache}
 * when the same contents were converted with the same options before (decoding and resizing a
 * folder of images is the slow part; hashing the bytes is not).
 *
 * <p>The fingerprint is {@code sha256:} of a text listing the format, every option that changes
 * the items (holdout too, for a series: scaling is fitted on the training part) and each file's
 * SHA-256, with the names of images relative to their folder (they carry the classes). Absolute
 * paths are not in it: the same bytes elsewhere are the same data.
 */
public final class UserData {

    private static final Logger LOG = LoggerFactory.getLogger(UserData.class);
    private static final String CACHE_ROOT = "datasets/files";
    private static final byte[] MAGIC = "edgewise-converted-data 1\n".getBytes(StandardCharsets.US_ASCII);

    private UserData() {}

    /** Loads the files {@code data.file()} names; every mistake is a {@link DataFileException} saying where. */
    public static ImageDataset load(DataSpec data, DataCache cache) {
        DataFileSpec spec = data.file();
        if (spec == null) {
            throw new IllegalArgumentException("data.file is not set");
        }
        StringBuilder facts = new StringBuilder("edgewise user data 1\nkind=" + spec.kind() + "\n");
        Loader loader;
        if (spec instanceof CsvFileSpec csv) {
            byte[] content = read(csv.path(), "file.path");
            facts.append("delimiter=").append((int) csv.delimiterChar()).append("\nfeatures=").append(csv.features())
                    .append("\ntarget=").append(csv.target()).append("\ntime=").append(csv.time()).append("\nsite=").append(csv.site())
                    .append("\ntarget_site=").append(csv.targetSite()).append("\nwindow=").append(csv.window()).append("\nstride=")
                    .append(csv.stride()).append("\nhorizon=").append(csv.horizon()).append("\nbins=").append(csv.bins())
                    .append("\nscaling=").append(csv.scaling().yamlName()).append("\nholdout=").append(data.holdout())
                    .append("\nfile=").append(Sha256.of(content)).append('\n');
            loader = (source, fingerprint) -> CsvSeries.read(csv, data.holdout(), content, source, fingerprint);
        } else if (spec instanceof IdxFileSpec idx) {
            byte[] items = read(idx.path(), "file.path");
            byte[] labels = read(idx.labels(), "file.labels");
            facts.append("limit=").append(idx.limit()).append("\nitems=").append(Sha256.of(items)).append("\nlabels=")
                    .append(Sha256.of(labels)).append('\n');
            loader = (source, fingerprint) -> IdxFiles.read(idx, items, labels, source, fingerprint);
        } else if (spec instanceof NpyFileSpec npy) {
            byte[] items = read(npy.path(), "file.path");
            byte[] labels = read(npy.labels(), "file.labels");
            facts.append("items=").append(Sha256.of(items)).append("\nlabels=").append(Sha256.of(labels)).append('\n');
            loader = (source, fingerprint) -> NpyFiles.read(npy, items, labels, source, fingerprint);
        } else if (spec instanceof ImageFolderSpec images) {
            byte[] labelsCsv = images.labels() == null ? null : read(images.labels(), "file.labels");
            List<ImageFolders.Entry> entries = ImageFolders.entries(images, labelsCsv);
            Path root = Path.of(images.path());
            facts.append("size=").append(images.size()).append("\nfilter=").append(images.filter().yamlName()).append('\n');
            List<byte[]> contents = new ArrayList<>();
            for (ImageFolders.Entry entry : entries) {
                byte[] content = readImage(entry.file());
                contents.add(content);
                facts.append(root.relativize(entry.file())).append(' ').append(entry.label()).append(' ').append(Sha256.of(content))
                        .append('\n');
            }
            loader = (source, fingerprint) -> {
                int rows = images.size().get(0);
                int cols = images.size().get(1);
                float[] pixels = new float[entries.size() * rows * cols];
                int[] labels = new int[entries.size()];
                for (int i = 0; i < entries.size(); i++) {
                    ImageFolders.decode(entries.get(i).file(), contents.get(i), rows, cols, images.filter(), pixels, i * rows * cols);
                    labels[i] = entries.get(i).label();
                }
                return new ImageDataset("file", source, fingerprint, rows, cols, pixels, labels, 8, 0);
            };
        } else {
            throw new IllegalArgumentException("no loader for data.file kind " + spec.kind());
        }
        String hex = Sha256.of(facts.toString().getBytes(StandardCharsets.UTF_8));
        String fingerprint = "sha256:" + hex;
        String source = "file:" + spec.path();
        Path converted = cache.dir(CACHE_ROOT + "/" + hex).resolve("data.bin");
        ImageDataset cached = readConverted(converted, source, fingerprint);
        if (cached != null) {
            return cached;
        }
        ImageDataset dataset = loader.load(source, fingerprint);
        writeConverted(converted, dataset);
        return dataset;
    }

    @FunctionalInterface
    private interface Loader {
        ImageDataset load(String source, String fingerprint);
    }

    private static byte[] read(String name, String field) {
        Path file = Path.of(name);
        if (!Files.exists(file)) {
            Path dir = file.getParent();
            String near = dir != null && Files.isDirectory(dir)
                    ? ImageFolders.list(dir).stream().limit(8).map(p -> p.getFileName().toString()).toList().toString() : null;
            throw DataFileException.ofField(field, "no such file: " + file, near != null ? "the folder " + dir + " holds " + near
                    : "the folder " + dir + " does not exist either; paths are relative to the experiment file");
        }
        if (!Files.isRegularFile(file)) {
            throw DataFileException.ofField(field, "not a regular file: " + file, "name a file, not a folder");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw DataFileException.ofField(field, "cannot read " + file + ": " + e.getMessage(), "check the file's permissions");
        }
    }

    private static byte[] readImage(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw DataFileException.inFile(file.toString(), "cannot read the image: " + e.getMessage(), "check the file's permissions");
        }
    }

    /** The cached conversion, or null when there is none or it does not match its recorded checksum (it is rebuilt). */
    private static ImageDataset readConverted(Path file, String source, String fingerprint) {
        Path sum = file.resolveSibling("data.bin.sha256");
        try {
            if (!Files.isRegularFile(file) || !Files.isRegularFile(sum)) {
                return null;
            }
            byte[] content = Files.readAllBytes(file);
            if (!Sha256.of(content).equals(Files.readString(sum, StandardCharsets.US_ASCII).strip())) {
                LOG.warn("Converting again: {} does not match its recorded checksum", file);
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
                byte[] magic = in.readNBytes(MAGIC.length);
                if (!java.util.Arrays.equals(magic, MAGIC)) {
                    return null;
                }
                int height = in.readInt();
                int width = in.readInt();
                int bits = in.readInt();
                int window = in.readInt();
                int n = in.readInt();
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    labels[i] = in.readInt();
                }
                float[] pixels = new float[n * height * width];
                for (int i = 0; i < pixels.length; i++) {
                    pixels[i] = in.readFloat();
                }
                return new ImageDataset("file", source, fingerprint, height, width, pixels, labels, bits, window);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Converting again: cannot read {}: {}", file, e.toString());
            return null;
        }
    }

    private static void writeConverted(Path file, ImageDataset data) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.write(MAGIC);
                out.writeInt(data.height());
                out.writeInt(data.width());
                out.writeInt(data.bitsPerValue());
                out.writeInt(data.window());
                out.writeInt(data.size());
                for (int label : data.labels()) {
                    out.writeInt(label);
                }
                for (float v : data.pixels()) {
                    out.writeFloat(v);
                }
            }
            byte[] content = bytes.toByteArray();
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file.resolveSibling("data.bin.sha256"));
            AtomicFiles.write(file, content);
            AtomicFiles.write(file.resolveSibling("data.bin.sha256"), (Sha256.of(content) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | UncheckedIOException e) {
            // The data are in hand; a cache that cannot be written only costs the next run the conversion.
            LOG.warn("Cannot cache the converted data in {}: {}", file.getParent(), e.toString());
        }
    }
}
