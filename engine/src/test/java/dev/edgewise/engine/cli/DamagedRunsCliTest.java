package dev.edgewise.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgewise.engine.track.RunInfo;
import dev.edgewise.engine.track.RunRecorder;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunStore;
import dev.edgewise.engine.track.RunStoreLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees of a run store damaged after the fact, or left RUNNING by a process that is gone. */
class DamagedRunsCliTest {

    @TempDir
    Path tmp;

    private Path record(boolean finish) throws Exception {
        Path spec = Files.writeString(tmp.resolve("spec.yaml"), "name: x\n");
        RunRecorder recorder = new RunRecorder(new RunStore(tmp.resolve("runs")), List.of());
        recorder.start(new RunInfo(RunRecorder.newRunId(), "cli", "victim", 1_700_000_000_000L, null, "alice"));
        Path dir = recorder.runDir();
        recorder.param("seed", "1");
        recorder.artifact(RunStoreLayout.SPEC_ARTIFACT, spec);
        for (int epoch = 1; epoch <= 20; epoch++) {
            recorder.metric("test_rmse", 1.0 / epoch, epoch);
            recorder.metric("train_rmse", 2.0 / epoch, epoch);
        }
        if (finish) {
            recorder.finish(RunStatus.FINISHED, null);
            recorder.close();
        } else {
            recorder.flush();
        }
        return dir;
    }

    private static void truncate(Path file, long bytes) throws Exception {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(bytes);
        }
    }

    @Test
    void aTruncatedRunIsShownDamagedAndNotComparedReproducedOrSynced() throws Exception {
        Path run = record(true);
        truncate(run.resolve(RunStoreLayout.EVENTS_FILE), 1500);
        String runs = tmp.resolve("runs").toString();

        CliTest.Result listed = CliTest.execute("runs", "--runs", runs);
        assertEquals(0, listed.code());
        assertTrue(listed.out().contains("DAMAGED"), listed.out());
        assertTrue(listed.out().contains("events.jsonl:"), listed.out());

        CliTest.Result compared = CliTest.execute("compare", "--runs", runs, run.getFileName().toString());
        assertEquals(1, compared.code());
        assertTrue(compared.err().contains("damaged") && compared.err().contains("events.jsonl:"), compared.err());
        assertFalse(compared.out().contains("test_rmse"), "no blank or partial metrics");
        assertEquals(1, compared.err().lines().count(), compared.err());

        CliTest.Result reproduced = CliTest.execute("reproduce", "--runs", runs, run.getFileName().toString());
        assertEquals(1, reproduced.code());
        assertTrue(reproduced.err().contains("damaged"), reproduced.err());
        assertEquals(1, reproduced.err().lines().count(), reproduced.err());

        CliTest.Result synced = CliTest.execute("sync", "--runs", runs, "--mlruns", tmp.resolve("mlruns").toString());
        assertEquals(1, synced.code());
        assertTrue(synced.out().contains("damaged"), synced.out());
        assertFalse(Files.exists(tmp.resolve("mlruns").resolve("1").resolve(run.getFileName().toString())), "nothing sent");
    }

    @Test
    void aRunWhoseProcessIsGoneIsShownCrashed() throws Exception {
        Path run = record(false);
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        ObjectMapper json = new ObjectMapper();
        ObjectNode info = (ObjectNode) json.readTree(run.resolve(RunStoreLayout.RUN_FILE).toFile());
        ((ObjectNode) info.get("owner")).put("pid", done.pid());
        json.writeValue(run.resolve(RunStoreLayout.RUN_FILE).toFile(), info);

        CliTest.Result listed = CliTest.execute("runs", "--runs", tmp.resolve("runs").toString());
        assertTrue(listed.out().contains("CRASHED"), listed.out());
        assertTrue(listed.out().contains("process " + done.pid()), listed.out());
        assertTrue(listed.out().contains("edgewise sync"), listed.out());
    }
}
