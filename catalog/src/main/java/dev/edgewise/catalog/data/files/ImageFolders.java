package dev.edgewise.catalog.data.files;

import dev.edgewise.dsl.spec.ImageFolderSpec;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A folder of PNG/JPEG images: which files, with which labels, and how one image becomes a grey
 * {@code rows x cols} item. Decoding is the JDK's ImageIO; the grey conversion (ITU-R BT.601
 * luma) and the resampling filters are written out here rather than left to Java2D's rendering
 * pipeline, whose choice of loops may change between JDK builds: a result is pinned to the
 * filter's name.
 */
final class ImageFolders {

    /** One image file and its class. */
    record Entry(Path file, int label) {}

    private ImageFolders() {}

    /** The images and labels, in a fixed order: by class folder name then file name, or by the labels CSV's order. */
    static List<Entry> entries(ImageFolderSpec spec, byte[] labelsCsv) {
        Path root = Path.of(spec.path());
        if (!Files.isDirectory(root)) {
            throw DataFileException.ofField("file.path", (Files.exists(root) ? "not a folder: " : "no such folder: ") + root,
                    "point path at the folder holding the images (one subfolder per class, or a flat folder with file.labels)");
        }
        List<Entry> entries = new ArrayList<>();
        if (labelsCsv != null) {
            CsvTable table = CsvTable.parse(spec.labels(), labelsCsv, ',');
            int file = table.indexOf("file");
            int label = table.indexOf("label");
            if (file < 0 || label < 0) {
                throw DataFileException.at(spec.labels(), 1, 1, "the labels CSV needs columns 'file' and 'label'; it has "
                        + String.join(", ", table.names()), "make the first line: file,label");
            }
            if (table.rows().isEmpty()) {
                throw DataFileException.at(spec.labels(), 1, 1, "the labels CSV names no image", "add a line 'image.png,<class>' per image");
            }
            boolean numeric = table.rows().stream().allMatch(r -> r.get(label).text().matches("[0-9]{1,6}"));
            TreeSet<String> names = new TreeSet<>();
            table.rows().forEach(r -> names.add(r.get(label).text()));
            List<String> sorted = new ArrayList<>(names);
            for (List<CsvTable.Cell> row : table.rows()) {
                CsvTable.Cell name = row.get(file);
                CsvTable.Cell cls = row.get(label);
                Path image = root.resolve(name.text()).normalize();
                if (name.text().isEmpty() || !image.startsWith(root.normalize()) || !Files.isRegularFile(image)) {
                    throw DataFileException.at(spec.labels(), name.line(), name.column(), "no image '" + name.text() + "' in " + root,
                            "name files relative to the folder of file.path");
                }
                if (cls.text().isEmpty()) {
                    throw DataFileException.at(spec.labels(), cls.line(), cls.column(), "the label of '" + name.text() + "' is empty",
                            "give every image a class");
                }
                entries.add(new Entry(image, numeric ? Integer.parseInt(cls.text()) : sorted.indexOf(cls.text())));
            }
            return entries;
        }
        List<Path> classes = list(root).stream().filter(Files::isDirectory).toList();
        if (classes.isEmpty()) {
            throw DataFileException.inFile(spec.path(), "the folder has no class subfolders",
                    "put each class's images in a subfolder named after it (" + spec.path() + "/<class>/*.png), or give file.labels");
        }
        for (int c = 0; c < classes.size(); c++) {
            List<Path> images = list(classes.get(c)).stream().filter(ImageFolders::isImage).toList();
            if (images.isEmpty()) {
                throw DataFileException.inFile(classes.get(c).toString(), "class folder '" + classes.get(c).getFileName()
                        + "' holds no .png, .jpg or .jpeg image", "add its images, or remove the folder");
            }
            for (Path image : images) {
                entries.add(new Entry(image, c));
            }
        }
        return entries;
    }

    /** Decodes one image into grey values in [0, 1] resized to {@code rows x cols}, into {@code out} at {@code at}. */
    static void decode(Path file, byte[] content, int rows, int cols, ImageFolderSpec.Filter filter, float[] out, int at) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(content));
        } catch (IOException | RuntimeException e) {
            throw DataFileException.inFile(file.toString(), "the image does not decode: " + e.getMessage(),
                    "open it in an image viewer; re-save it as PNG or JPEG");
        }
        if (image == null) {
            throw DataFileException.inFile(file.toString(), "the image does not decode: no PNG or JPEG reader recognises it",
                    "re-save it as PNG or JPEG (the extension alone does not make a file one)");
        }
        int h = image.getHeight();
        int w = image.getWidth();
        float[] grey = new float[h * w];
        Raster raster = image.getRaster();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    grey[y * w + x] = row[x] / 255f;
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = image.getRGB(x, y);
                    double luma = 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
                    grey[y * w + x] = (float) (luma / 255.0);
                }
            }
        }
        Resize.resize(grey, h, w, out, at, rows, cols, filter);
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    /** Visible entries of a folder, sorted by name (locale-independent, so every machine numbers classes alike). */
    static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            Map<String, Path> byName = new TreeMap<>();
            files.filter(f -> !f.getFileName().toString().startsWith(".")).forEach(f -> byName.put(f.getFileName().toString(), f));
            return List.copyOf(byName.values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
