package dev.edgewise.catalog.data.files;

import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.spec.IdxFileSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * IDX files (LeCun's format for MNIST, also Fashion-MNIST's): two zero bytes, a type byte, the
 * number of dimensions, then each dimension as a big-endian 32-bit integer, then the values in
 * row-major order. Items must be unsigned bytes (type 0x08) of 2 or 3 dimensions, labels unsigned
 * bytes of 1. Gzipped files (what both datasets distribute) are recognised by their magic bytes;
 * offsets in messages then count bytes of the decompressed stream, as {@code zcat | xxd} shows.
 */
public final class IdxFiles {

    private static final int UBYTE = 0x08;
    private static final String HINT = "an IDX file starts 00 00 08 <dims>, then each dimension as a 4-byte big-endian number"
            + " (MNIST's train-images-idx3-ubyte: 00 00 08 03, 60000, 28, 28)";

    private IdxFiles() {}

    /** A decoded IDX array. */
    record Array(int[] dims, byte[] values, boolean gzipped) {}

    /**
     * A registry package's items and labels read exactly as a user's IDX files are, under the
     * dataset name {@code name}.
     *
     * @param itemsFile, labelsFile the files' names, for messages
     */
    public static ImageDataset read(String name, String itemsFile, byte[] items, String labelsFile, byte[] labels, String source,
            String fingerprint) {
        ImageDataset read = read(new IdxFileSpec(itemsFile, labelsFile, null), items, labels, source, fingerprint);
        return new ImageDataset(name, read.source(), read.fingerprint(), read.height(), read.width(), read.pixels(), read.labels(),
                read.bitsPerValue(), read.window());
    }

    static ImageDataset read(IdxFileSpec spec, byte[] items, byte[] labels, String source, String fingerprint) {
        Array x = parse(spec.path(), items, 2, 3);
        Array y = parse(spec.labels(), labels, 1, 1);
        int n = x.dims()[0];
        if (y.dims()[0] != n) {
            throw DataFileException.atByte(spec.labels(), 4, "the labels file holds " + y.dims()[0] + " labels, the items file "
                    + spec.path() + " " + n + " items", "use the labels file that belongs to the items (train with train, t10k with t10k)");
        }
        if (spec.limit() != null && spec.limit() > n) {
            throw DataFileException.ofField("file.limit", "limit " + spec.limit() + " is more than the " + n + " items the file holds",
                    "set limit to at most " + n + ", or drop it");
        }
        int count = spec.limit() == null ? n : spec.limit();
        int height = x.dims().length == 3 ? x.dims()[1] : 1;
        int width = x.dims()[x.dims().length - 1];
        int per = height * width;
        float[] pixels = new float[count * per];
        byte[] values = x.values();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (values[i] & 0xFF) / 255f;
        }
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            classes[i] = y.values()[i] & 0xFF;
        }
        return new ImageDataset("file", source, fingerprint, height, width, pixels, classes, 8, 0);
    }

    static Array parse(String file, byte[] raw, int minDims, int maxDims) {
        boolean gzipped = raw.length >= 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b;
        byte[] content = raw;
        if (gzipped) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                content = in.readAllBytes();
            } catch (IOException e) {
                throw DataFileException.inFile(file, "the file starts like gzip but does not decompress: " + e.getMessage(),
                        "download it again, or gunzip it and point path at the result");
            }
        }
        String stream = gzipped ? " (decompressed)" : "";
        if (content.length < 4) {
            throw DataFileException.atByte(file, content.length, "the file" + stream + " ends after " + content.length
                    + " bytes, inside the 4-byte magic number", HINT);
        }
        if (content[0] != 0 || content[1] != 0) {
            throw DataFileException.atByte(file, content[0] != 0 ? 0 : 1, "not an IDX file" + stream + ": it starts "
                    + hex(content, 4) + ", not 00 00", HINT);
        }
        int type = content[2] & 0xFF;
        if (type != UBYTE) {
            throw DataFileException.atByte(file, 2, String.format("the value type is 0x%02x; edgewise reads unsigned bytes (0x08)", type),
                    "store the values as unsigned bytes (0-255), as MNIST does");
        }
        int dims = content[3] & 0xFF;
        if (dims < minDims || dims > maxDims) {
            throw DataFileException.atByte(file, 3, "the file has " + dims + " dimension" + (dims == 1 ? "" : "s") + "; "
                    + (maxDims == 1 ? "a labels file has 1 (one label per item)" : "an items file has 2 (n x features) or 3 (n x rows x cols)"),
                    maxDims == 1 ? "check that labels names the labels file, not the images" : "check that path names the items file");
        }
        int header = 4 + 4 * dims;
        if (content.length < header) {
            throw DataFileException.atByte(file, content.length, "the file" + stream + " ends after " + content.length
                    + " bytes, inside its header of " + header, HINT);
        }
        int[] sizes = new int[dims];
        long total = 1;
        for (int d = 0; d < dims; d++) {
            int at = 4 + 4 * d;
            sizes[d] = ((content[at] & 0xFF) << 24) | ((content[at + 1] & 0xFF) << 16) | ((content[at + 2] & 0xFF) << 8) | (content[at + 3] & 0xFF);
            if (sizes[d] < 1) {
                throw DataFileException.atByte(file, at, "dimension " + (d + 1) + " is " + sizes[d] + "; every dimension must be at least 1",
                        HINT);
            }
            total *= sizes[d];
        }
        if (total > Integer.MAX_VALUE - header) {
            throw DataFileException.atByte(file, 4, "the header declares " + total + " values, more than edgewise holds in memory",
                    "split the file");
        }
        long expected = header + total;
        if (content.length != expected) {
            throw DataFileException.atByte(file, Math.min(content.length, expected), "the header declares " + join(sizes) + " = " + total
                    + " values, so the file" + stream + " should be " + expected + " bytes, but it is " + content.length,
                    content.length < expected ? "the file is cut short: download or copy it again" : "the file has bytes after its values: "
                            + "check that the header's counts are right");
        }
        byte[] values = java.util.Arrays.copyOfRange(content, header, content.length);
        return new Array(sizes, values, gzipped);
    }

    private static String join(int[] sizes) {
        StringBuilder out = new StringBuilder();
        for (int s : sizes) {
            out.append(out.length() == 0 ? "" : " x ").append(s);
        }
        return out.toString();
    }

    private static String hex(byte[] content, int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(count, content.length); i++) {
            out.append(i == 0 ? "" : " ").append(String.format("%02x", content[i] & 0xFF));
        }
        return out.toString();
    }
}
