package dev.edgewise.catalog.data.files;

import dev.edgewise.catalog.data.ImageDataset;
import dev.edgewise.dsl.spec.NpyFileSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (versions 1.0, 2.0, 3.0): the magic {@code \x93NUMPY}, a version,
 * a header length, and a Python dict literal with {@code descr}, {@code fortran_order} and
 * {@code shape}, then the raw values. Only what {@code np.save} writes for a C-ordered
 * little-endian (or byte) array of plain numbers is read; anything else is refused with the byte
 * it was found at.
 */
final class NpyFiles {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final String HINT = "write it with numpy.save (numpy.ascontiguousarray first), e.g. np.save('x.npy', x.astype(np.float32))";

    private NpyFiles() {}

    /** A decoded array: its dtype (e.g. {@code <f4}), shape, values as doubles and where they start. */
    record Array(String dtype, int[] shape, double[] values, int dataOffset) {}

    static ImageDataset read(NpyFileSpec spec, byte[] items, byte[] labels, String source, String fingerprint) {
        Array x = parse(spec.path(), items);
        Array y = parse(spec.labels(), labels);
        if (x.shape().length < 2 || x.shape().length > 3) {
            throw DataFileException.atByte(spec.path(), 10, "the items array has shape " + shape(x.shape())
                    + "; edgewise reads (n, features) or (n, rows, cols)", "reshape it, e.g. x.reshape(len(x), 28, 28)");
        }
        if (y.shape().length != 1) {
            throw DataFileException.atByte(spec.labels(), 10, "the labels array has shape " + shape(y.shape()) + "; labels are (n,)",
                    "flatten it: y.reshape(-1)");
        }
        int n = x.shape()[0];
        if (y.shape()[0] != n) {
            throw DataFileException.atByte(spec.labels(), 10, "the labels array holds " + y.shape()[0] + " labels, the items array "
                    + spec.path() + " " + n + " items", "save labels and items of the same length");
        }
        boolean bytes = x.dtype().equals("|u1") || x.dtype().equals("<u1");
        if (!bytes && !x.dtype().endsWith("f4") && !x.dtype().endsWith("f8")) {
            throw DataFileException.atByte(spec.path(), 10, "items of dtype " + x.dtype() + "; edgewise reads uint8 (0-255) or"
                    + " float32/float64 in [0, 1]", "convert: x.astype(np.float32) / x.max(), or keep images as uint8");
        }
        float[] pixels = new float[x.values().length];
        int itemSize = itemSize(x.dtype());
        for (int i = 0; i < pixels.length; i++) {
            double v = bytes ? x.values()[i] / 255.0 : x.values()[i];
            if (!(v >= 0 && v <= 1)) {
                throw DataFileException.atByte(spec.path(), x.dataOffset() + (long) i * itemSize, "value " + x.values()[i] + " of item "
                        + (i / (pixels.length / n)) + " is outside [0, 1]", "scale the array to [0, 1] before saving it");
            }
            pixels[i] = (float) v;
        }
        if (!y.dtype().matches("[<|][iu][1248]")) {
            throw DataFileException.atByte(spec.labels(), 10, "labels of dtype " + y.dtype() + "; labels are integers",
                    "save them as integers: y.astype(np.int64)");
        }
        int[] classes = new int[n];
        int labelSize = itemSize(y.dtype());
        for (int i = 0; i < n; i++) {
            double v = y.values()[i];
            if (v < 0 || v > 1_000_000) {
                throw DataFileException.atByte(spec.labels(), y.dataOffset() + (long) i * labelSize, "label " + (long) v + " of item " + i
                        + " is not a class (0 .. 1,000,000)", "number the classes 0, 1, 2, ...");
            }
            classes[i] = (int) v;
        }
        int height = x.shape().length == 3 ? x.shape()[1] : 1;
        int width = x.shape()[x.shape().length - 1];
        return new ImageDataset("file", source, fingerprint, height, width, pixels, classes, bytes ? 8 : 32, 0);
    }

    static Array parse(String file, byte[] content) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= content.length || content[i] != MAGIC[i]) {
                throw DataFileException.atByte(file, i, "not a .npy file: it does not start with \\x93NUMPY", HINT);
            }
        }
        if (content.length < 10) {
            throw DataFileException.atByte(file, content.length, "the file ends inside its preamble", HINT);
        }
        int major = content[6] & 0xFF;
        if (major < 1 || major > 3) {
            throw DataFileException.atByte(file, 6, "format version " + major + "." + (content[7] & 0xFF) + " is not 1.0, 2.0 or 3.0", HINT);
        }
        ByteBuffer buffer = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        int lengthBytes = major == 1 ? 2 : 4;
        if (content.length < 8 + lengthBytes) {
            throw DataFileException.atByte(file, content.length, "the file ends inside its header length", HINT);
        }
        long headerLength = major == 1 ? buffer.getShort(8) & 0xFFFF : buffer.getInt(8) & 0xFFFFFFFFL;
        int start = 8 + lengthBytes;
        if (start + headerLength > content.length) {
            throw DataFileException.atByte(file, 8, "the header length " + headerLength + " runs past the end of the file ("
                    + content.length + " bytes)", HINT);
        }
        String header = new String(content, start, (int) headerLength, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher order = ORDER.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !order.find() || !shape.find()) {
            throw DataFileException.atByte(file, start, "the header is not a dict with 'descr', 'fortran_order' and 'shape': "
                    + header.strip(), HINT);
        }
        if (order.group(1).equals("True")) {
            throw DataFileException.atByte(file, start + order.start(), "the array is in Fortran order", HINT);
        }
        String dtype = descr.group(1);
        if (!dtype.matches("[<|][iuf][1248]") || dtype.equals("<f1") || dtype.equals("<f2") || dtype.equals("|f1")) {
            throw DataFileException.atByte(file, start + descr.start(1), "dtype '" + dtype + "' is not a little-endian integer or a float32"
                    + "/float64", HINT);
        }
        String[] parts = shape.group(1).split(",");
        int dims = 0;
        int[] sizes = new int[parts.length];
        long total = 1;
        for (String part : parts) {
            if (part.isBlank()) {
                continue;
            }
            try {
                sizes[dims] = Integer.parseInt(part.strip());
            } catch (NumberFormatException e) {
                throw DataFileException.atByte(file, start + shape.start(1), "shape (" + shape.group(1) + ") is not a tuple of integers", HINT);
            }
            total *= sizes[dims++];
        }
        sizes = java.util.Arrays.copyOf(sizes, dims);
        int size = itemSize(dtype);
        int dataStart = (int) (start + headerLength);
        long expected = dataStart + total * size;
        if (content.length != expected) {
            throw DataFileException.atByte(file, Math.min(content.length, expected), "shape " + shape(sizes) + " of " + dtype + " needs "
                    + expected + " bytes, but the file is " + content.length, content.length < expected ? "the file is cut short: save or copy it"
                    + " again" : "the file has bytes after its values");
        }
        double[] values = new double[(int) total];
        for (int i = 0; i < total; i++) {
            int at = dataStart + i * size;
            values[i] = switch (dtype.substring(1)) {
                case "u1" -> content[at] & 0xFF;
                case "i1" -> content[at];
                case "u2" -> buffer.getShort(at) & 0xFFFF;
                case "i2" -> buffer.getShort(at);
                case "u4" -> buffer.getInt(at) & 0xFFFFFFFFL;
                case "i4" -> buffer.getInt(at);
                case "u8", "i8" -> buffer.getLong(at);
                case "f4" -> buffer.getFloat(at);
                case "f8" -> buffer.getDouble(at);
                default -> throw new IllegalStateException(dtype);
            };
        }
        return new Array(dtype, sizes, values, dataStart);
    }

    private static int itemSize(String dtype) {
        return dtype.charAt(2) - '0';
    }

    private static String shape(int[] sizes) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < sizes.length; i++) {
            out.append(i == 0 ? "" : ", ").append(sizes[i]);
        }
        return out.append(sizes.length == 1 ? ",)" : ")").toString();
    }
}
