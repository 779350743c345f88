package dev.edgewise.catalog.data;

import dev.edgewise.catalog.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One converted file in the data cache with its SHA-256 recorded beside it ({@code NAME.sha256}).
 * A file that is missing, or whose content no longer matches the recorded sum (changed in place:
 * the data a run would train on are not the package's), is built again from the package; the
 * scratch space for that lives in the cache's directory, on the same file system, and is removed.
 */
final class CachedFile {

    /** Builds the file's content from a verified package, fetched into {@code scratch} if needed. */
    @FunctionalInterface
    interface Builder {
        byte[] build(Path scratch) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CachedFile.class);

    private CachedFile() {}

    /**
     * The content of {@code dir/name}, built by {@code builder} when missing or changed.
     *
     * @param legacySha256 the sum to trust when a cache written before sums were recorded has none; null if there is no such cache
     */
    static byte[] get(Path dir, String name, String legacySha256, Builder builder) throws IOException {
        Path file = dir.resolve(name);
        Path checksum = dir.resolve(name + ".sha256");
        if (Files.isRegularFile(file)) {
            String expected = Files.isRegularFile(checksum) ? Files.readString(checksum, StandardCharsets.US_ASCII).strip() : legacySha256;
            byte[] content = Files.readAllBytes(file);
            String actual = Sha256.of(content);
            if (actual.equals(expected)) {
                return content;
            }
            LOG.warn("Rebuilding {}: its SHA-256 is {}, the conversion recorded {}", file, actual, expected);
            Files.delete(file);
        }
        Files.createDirectories(dir);
        Path scratch = Files.createTempDirectory(dir, ".fetch-");
        try {
            byte[] content = builder.build(scratch);
            Files.deleteIfExists(checksum);
            AtomicFiles.write(file, content);
            AtomicFiles.write(checksum, (Sha256.of(content) + "\n").getBytes(StandardCharsets.US_ASCII));
            LOG.info("Prepared {}", file);
            return content;
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
    }
}
