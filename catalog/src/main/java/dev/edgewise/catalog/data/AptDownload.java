package dev.edgewise.catalog.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fetches one Debian package file with {@code apt-get download NAME=VERSION} (see
 * {@link RegistryClient}): the package is only downloaded, never installed, so no root is needed
 * and nothing on the machine changes. apt needs its package lists; a machine that never ran
 * {@code apt-get update} cannot locate the package, and the hint says so.
 */
final class AptDownload implements MnistNpm.TarballSupplier {

    private final RegistryClient apt;
    private final String name;
    private final String version;
    private final Duration timeout;

    AptDownload(String executable, String name, String version, Duration timeout, String fallbackAdvice) {
        this.apt = new RegistryClient(executable, "apt-get", "apt-get comes with Debian and Ubuntu",
                "check that the Debian mirror in /etc/apt/sources.list answers (apt-get update)",
                "run 'apt-get update' (as root) so apt knows the package, and check the Debian mirror", fallbackAdvice);
        this.name = name;
        this.version = version;
        this.timeout = timeout;
    }

    @Override
    public Path get(Path scratch) throws IOException {
        Path destination = Files.createDirectories(scratch.resolve("deb"));
        apt.run(List.of("download", name + "=" + version, "-q"), destination, timeout, Map.of());
        List<Path> debs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(destination, "*.deb")) {
            files.forEach(debs::add);
        }
        if (debs.size() != 1) {
            throw new DataException("'apt-get download " + name + "=" + version + "' succeeded but left " + debs.size() + " .deb files in "
                    + destination, apt.fallbackAdvice());
        }
        return debs.get(0);
    }
}
