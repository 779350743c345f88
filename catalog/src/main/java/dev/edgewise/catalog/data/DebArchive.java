package dev.edgewise.catalog.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * One file out of a Debian package: a {@code .deb} is an ar archive whose {@code data.tar.xz}
 * (or {@code .gz}) holds the installed tree, read here without installing anything.
 */
final class DebArchive {

    private DebArchive() {}

    /**
     * The bytes of {@code member} (a path as installed, e.g. {@code usr/lib/R/...}, with or without
     * a leading {@code ./}) in the package file {@code deb}.
     */
    static byte[] read(Path deb, String member) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(deb)); ArArchiveInputStream ar = new ArArchiveInputStream(file)) {
            for (ArArchiveEntry entry; (entry = ar.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (!name.startsWith("data.tar")) {
                    continue;
                }
                InputStream data = switch (name) {
                    case "data.tar.xz" -> new XZCompressorInputStream(ar);
                    case "data.tar.gz" -> new GzipCompressorInputStream(ar);
                    case "data.tar" -> ar;
                    default -> throw new DataException(deb + ": its " + name + " is compressed in a way this reader does not know",
                            "the package must be the pinned release (data.tar.xz)");
                };
                TarArchiveInputStream tar = new TarArchiveInputStream(data);
                for (TarArchiveEntry installed; (installed = tar.getNextEntry()) != null; ) {
                    String path = installed.getName().startsWith("./") ? installed.getName().substring(2) : installed.getName();
                    if (path.equals(member)) {
                        return tar.readAllBytes();
                    }
                }
                throw new DataException(deb + " holds no " + member, "the package must be the pinned release");
            }
        }
        throw new DataException(deb + " is not a Debian package (no data.tar member)", "the file must be the pinned .deb");
    }
}
