package dev.edgewise.catalog.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * All-or-nothing file writes, so a crash or a full disk never leaves a half-written cache, run
 * record or MLflow metadata file: readers see the old file or the whole new one.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    public static void writeString(Path target, String content) throws IOException {
        write(target, ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, ByteBuffer.wrap(content));
    }

    /**
     * Writes {@code content} to a temporary file beside {@code target}, forces it to disk, then
     * renames it over {@code target} in one step. Concurrent writers of the same content simply
     * replace each other.
     */
    public static void write(Path target, ByteBuffer content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it forces mode 0600, while a cache shared through
        // EDGEWISE_CACHE should get the user's umask like any other file. Same directory as the
        // target: a rename within one file system is what makes the move atomic.
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                // Without this the rename can reach the disk before the data does.
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes a directory tree, deepest entries first; a missing directory is fine. */
    public static void deleteTree(Path dir) throws IOException {
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
