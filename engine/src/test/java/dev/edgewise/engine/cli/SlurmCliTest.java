package dev.edgewise.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Slurm options of run and cancel, misused: exit 2 with what to do, before anything runs or is submitted. */
class SlurmCliTest {

    @TempDir
    Path dir;

    @Test
    void slurmOptionsWithoutTheSlurmExecutorAreBadInput() {
        CliTest.Result r = CliTest.execute("run", "../experiments/quickstart.yaml", "--wait", "--runs", dir.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--slurm-args, --wait and --resume go with --executor slurm"), r.err());
        assertEquals(2, CliTest.execute("run", "--resume", "abcdef", "--runs", dir.toString()).code());
    }

    @Test
    void resumeTakesNoFilesAndRunWithoutOneIsStillAskedFor() {
        CliTest.Result r = CliTest.execute("run", "--resume", "abcdef", "--executor", "slurm", "../experiments/quickstart.yaml");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--resume takes no files"), r.err());
        CliTest.Result none = CliTest.execute("run");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("Missing required parameter: 'FILE|KEY.PATH=VALUE'"), none.err());
    }

    @Test
    void theSlurmExecutorRunsSweepsOnly() throws Exception {
        Path file = dir.resolve("one.yaml");
        Files.writeString(file, Files.readString(Path.of("../experiments/quickstart.yaml")));
        CliTest.Result r = CliTest.execute("run", file.toString(), "--executor", "slurm", "--runs", dir.resolve("runs").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("has no sweep block"), r.err());
        assertTrue(!Files.exists(dir.resolve("runs")), "nothing recorded");
    }

    @Test
    void cancellingARunThatIsNotOnSlurmSaysSo() {
        CliTest.Result r = CliTest.execute("cancel", "abcdef", "--runs", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no run abcdef"), r.err());
    }
}
