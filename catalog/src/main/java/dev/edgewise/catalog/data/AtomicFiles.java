package dev.edgewise.catalog.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** File writes that are all-or-nothing, so a crash or a full disk never leaves a half-written cache. */
final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Writes {@code content} to a temporary file beside {@code target}, forces it to disk, then
     * renames it over {@code target} in one step. Readers see the old file or the whole new one;
     * concurrent writers of the same content simply replace each other.
     */
    static void write(Path target, ByteBuffer content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it forces mode 0600, while a cache shared through
        // EDGEWISE_CACHE should get the user's umask like any other file.
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                // Without this the rename can reach the disk before the data does.
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes a directory tree, deepest entries first; a missing directory is fine. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
