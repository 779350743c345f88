package dev.edgewise.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.engine.cli.CliTest.Result;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs that used to hang edgewise or end it behind the user's back: each is refused quickly, at its file, with exit 2. */
class HostileInputCliTest {

    /** Well under the 25 s that 5 MB used to take, with room for a loaded build machine. */
    static final long QUICK_MILLIS = 1_500;

    static Result timed(String what, String... args) {
        CliTest.execute("validate", "../experiments/quickstart.yaml"); // warm: only the refusal is timed
        long started = System.nanoTime();
        Result result = CliTest.execute(args);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < QUICK_MILLIS, what + " took " + millis + " ms");
        return result;
    }

    static void assertRefusedAtFile(Result result, Path file, String words) {
        assertEquals(2, result.code(), result.err());
        assertTrue(result.err().startsWith(file + ":"), result.err());
        assertTrue(result.err().contains(words), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }

    @Test
    void aFiftyMegabyteYamlFileIsRefusedFromItsSize(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.yaml");
        Files.writeString(file, "name: ");
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.setLength(50L * 1024 * 1024);
        }

        assertRefusedAtFile(timed("50 MB", "validate", file.toString()), file, "at most 256 KiB");
    }

    @Test
    void aFiveMegabyteScalarIsRefusedWithoutBeingScanned(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("long.yaml");
        Files.writeString(file, "name: \"" + "a".repeat(5 * 1024 * 1024) + "\"\n");

        assertRefusedAtFile(timed("5 MB scalar", "validate", file.toString()), file, "5,242,889 bytes");
    }

    @Test
    void aLongLineUnderTheSizeLimitIsRefusedAtItsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("line.yaml");
        Files.writeString(file, "name: x\ndescription: '" + "a".repeat(200_000) + "'\n");

        Result result = timed("200 KB line", "validate", file.toString());
        assertRefusedAtFile(result, file, "line 2 is 200,015 characters long");
        assertTrue(result.err().startsWith(file + ":2:16385: "), result.err());
    }

    @Test
    void anOversizedScriptIsRefusedBeforeItIsCompiled(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.experiment.kts");
        Files.writeString(file, "// " + "x".repeat(300_000) + "\n");

        assertRefusedAtFile(timed("300 KB script", "validate", file.toString()), file, "at most 256 KiB");
    }

    @Test
    void aDeviceWithNoEndIsReadOnlyUpToTheLimit() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero));

        assertRefusedAtFile(timed("/dev/zero", "validate", zero.toString()), zero, "no end in sight");
    }
}
