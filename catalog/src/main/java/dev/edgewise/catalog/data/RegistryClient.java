package dev.edgewise.catalog.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a registry's own client ({@code npm pack}, {@code apt-get download}) to fetch one package,
 * so the user's configuration (mirror, proxy, certificates, the client's cache) applies instead of
 * this code guessing a URL. Non-interactive: stdin is closed and output goes to files in the
 * scratch directory, so a chatty client can neither block on a full pipe nor wait for input.
 *
 * @param executable the program as found on the PATH
 * @param label how the client is named in messages ({@code npm}, {@code apt-get})
 * @param installHint how to get the client when it is missing
 * @param reachHint how to check that its registry answers, for a timeout
 * @param failHint what to check when it fails
 * @param fallbackAdvice how to get the file without the client, appended to every hint
 */
record RegistryClient(String executable, String label, String installHint, String reachHint, String failHint, String fallbackAdvice) {

    private static final int TAIL_LINES = 15;

    /**
     * Runs {@code arguments} in {@code scratch} with the given extra environment; returns when
     * the client exited 0, else throws a {@link DataException} with the tail of what it said.
     */
    void run(List<String> arguments, Path scratch, Duration timeout, java.util.Map<String, String> environment) throws IOException {
        Path out = scratch.resolve(label + ".out");
        Path err = scratch.resolve(label + ".err");
        List<String> command = new java.util.ArrayList<>();
        command.add(executable);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(scratch.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        String shown = label + " " + String.join(" ", arguments.subList(0, Math.min(2, arguments.size())));

        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new DataException(executable + " was not found on PATH (needed to run '" + shown + "')",
                    installHint + ", or " + fallbackAdvice, e);
        }
        process.getOutputStream().close();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new DataException("'" + shown + "' did not finish within " + describe(timeout) + tail(err),
                        reachHint + ", or " + fallbackAdvice);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while running '" + shown + "'", "run it again", e);
        }
        if (process.exitValue() != 0) {
            throw new DataException("'" + shown + "' failed with exit code " + process.exitValue() + tail(err),
                    failHint + ", or " + fallbackAdvice);
        }
    }

    /** The last lines the client wrote to {@code file}, formatted to append to a message; empty if none. */
    String tail(Path file) {
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
        return "; " + label + " said:\n  " + String.join("\n  ", last);
    }

    private static void kill(Process process) {
        // npm is a script that starts node; killing only the launcher could orphan the download.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String describe(Duration d) {
        return d.toSeconds() >= 60 && d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toMillis() + " ms";
    }
}
