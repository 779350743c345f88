package dev.edgewise.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {

    @TempDir
    Path tmp;

    @Test
    void foldersOfProcessesThatAreGoneAreRemovedOthersKept() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path orphan = Files.createDirectories(tmp.resolve(Scratch.PREFIX + ended.pid() + "-123/model"));
        Path live = Files.createDirectories(tmp.resolve(Scratch.PREFIX + ProcessHandle.current().pid() + "-456"));
        Path unrelated = Files.createDirectories(tmp.resolve("edgewise-run-abc"));

        assertEquals(1, Scratch.removeOrphans(tmp));

        assertFalse(Files.exists(orphan.getParent()), "a SIGKILLed run's folder is cleaned by the next run");
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void aRunsScratchFolderIsNamedAfterItsProcess() throws Exception {
        Path dir = Scratch.create();
        try {
            assertTrue(dir.getFileName().toString().startsWith(Scratch.PREFIX + ProcessHandle.current().pid() + "-"));
        } finally {
            Files.delete(dir);
        }
    }
}
