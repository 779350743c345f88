package dev.edgewise.engine.sweep.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgewise.dsl.sweep.ExperimentSource;
import dev.edgewise.engine.sweep.ChildJvm;
import dev.edgewise.engine.sweep.PointResult;
import dev.edgewise.engine.sweep.SweepRunner;
import dev.edgewise.engine.track.MlflowFileStore;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunHealth;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.StoredRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slurm executor against fake {@code sbatch}, {@code squeue}, {@code scontrol}, {@code scancel}
 * and {@code sinfo} that log their arguments and answer from files: what is submitted, how the
 * parent run is handed off, finished, marked, resumed and finished again. No cluster needed.
 */
class SlurmSweepTest {

    static final String SWEEP = """
            name: fakesweep
            seed: 11
            data: {source: mnist, train_samples: 32, test_samples: 16, holdout: 0.9}
            topology: {nodes: 3, graph: line}
            model: {kind: crnn, features: 10, extractor: {pretrain: {epochs: 0}}}
            exchange: {kind: peer, rounds: 2, message_size: 2}
            training: {epochs: 1, batch_size: 16}
            sweep:
              grid:
                topology.nodes: [2, 3]
            """;

    @TempDir
    Path dir;

    Path bin;
    Slurm slurm;
    StringWriter text = new StringWriter();

    @BeforeEach
    void fakeSlurm() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        fake("sbatch", """
                echo "sbatch $*" >> "$d/calls.log"
                if [[ -f "$d/sbatch.fail" ]]; then cat "$d/sbatch.fail" >&2; exit 1; fi
                n=$(cat "$d/next" 2>/dev/null || echo 101); echo $((n+1)) > "$d/next"; echo "$n;fake"
                """);
        fake("squeue", """
                echo "squeue $*" >> "$d/calls.log"
                cat "$d/queue.txt" 2>/dev/null || true
                """);
        fake("scontrol", """
                echo "scontrol $*" >> "$d/calls.log"
                id="${@: -1}"
                if [[ -f "$d/show-$id.txt" ]]; then cat "$d/show-$id.txt"; else echo "slurm_load_jobs error: Invalid job id specified" >&2; exit 1; fi
                """);
        fake("scancel", """
                echo "scancel $*" >> "$d/calls.log"
                """);
        fake("sinfo", """
                cat "$d/nodes.txt"
                """);
        Files.writeString(bin.resolve("nodes.txt"), SlurmSweep.shortHostName() + "\n");
        slurm = new Slurm(List.of(bin));
    }

    void fake(String name, String body) throws Exception {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/bash\nd=\"$(dirname \"$0\")\"\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    List<String> calls() throws Exception {
        Path log = bin.resolve("calls.log");
        return Files.isRegularFile(log) ? Files.readAllLines(log) : List.of();
    }

    SlurmSweep executor(boolean wait) {
        return new SlurmSweep(new SweepRunner.Options(dir.resolve("runs"), dir.resolve("mlruns"), 2, false, false, "edgewise run test"), slurm, 1,
                new SlurmSweep.Settings(List.of("--partition=cpu", "--time=10"), 2, wait, Duration.ofMillis(50)),
                Map.of("MXNET_ENGINE_TYPE", "NaiveEngine", "HOME", "/root"), new PrintWriter(text, true));
    }

    SweepRunner.Result submit() throws Exception {
        return executor(false).run(ExperimentSource.read(SWEEP, "fakesweep.yaml", List.of()), null);
    }

    @Test
    void aSweepIsOneArrayJobAndAFinishingJobAfterItAndItsParentWaitsForThatJob() throws Exception {
        SweepRunner.Result result = submit();
        assertTrue(result.submitted());
        List<String> calls = calls().stream().filter(c -> c.startsWith("sbatch")).toList();
        assertEquals(2, calls.size(), calls.toString());
        Path files = result.parentDir().resolve("slurm");
        assertEquals("sbatch --parsable --array=1-2%2 --output=" + files.resolve("point-%4a.log") + " --partition=cpu --time=10 "
                + files.resolve("points.sh"), calls.get(0));
        assertEquals("sbatch --parsable --dependency=afterany:101 --kill-on-invalid-dep=no --output=" + files.resolve("finish.out")
                + " --partition=cpu --time=10 " + files.resolve("finish.sh"), calls.get(1));
        SlurmPlan plan = SlurmPlan.of(result.parentDir()).orElseThrow();
        assertEquals(new SlurmPlan.Attempt("101", "102", List.of(1, 2), plan.last().submittedMs()), plan.last());
        assertEquals(SWEEP, plan.sourceText(), "the finishing job reads the sweep as submitted, not the file as it is later");

        // The parent is RUNNING, owned by the finishing job: not taken for crashed now that its submitter is done with it.
        StoredRun parent = RunFolder.at(result.parentDir()).read();
        assertEquals(RunStatus.RUNNING, parent.status());
        assertEquals(RunHealth.State.IN_PROGRESS, RunFolder.at(result.parentDir()).health().state());
        assertTrue(Files.readString(result.parentDir().resolve("run.json")).contains("\"host\" : \"slurm job 102\""));
        assertEquals("slurm", parent.tags().get(SlurmSweep.TAG_EXECUTOR));
        assertEquals("101 (points 1-2), 102 (finishing)", parent.tags().get(SlurmSweep.TAG_JOBS));

        // Task 2 runs exactly the child JVM a local sweep starts for point 2, without talking to MLflow.
        List<String> command = Arrays.asList(new String(Files.readAllBytes(files.resolve("point-0002.cmd")), StandardCharsets.UTF_8)
                .split("\0"));
        SlurmPlan.Point two = plan.points().get(1);
        List<String> expected = ChildJvm.command(List.of("point", "--spec", two.spec().toString(), "--result", two.result().toString(),
                "--run-id", two.runId(), "--run-name", "fakesweep 2/2 topology.nodes=3", "--runs", dir.resolve("runs").toString(),
                "--mlruns", dir.resolve("mlruns").toString(), "--command-line", "edgewise run test [point 2/2]",
                "--parent", result.parentRunId(), "--tag", SweepRunner.TAG_POINT + "=2/2", "--tag", SweepRunner.TAG_VALUES + "=topology.nodes=3",
                "--no-progress", "--no-tracking"), 1);
        assertEquals(expected, command);
        assertTrue(Files.readString(files.resolve("point-0002.yaml")).contains("nodes: 3"));
        String script = Files.readString(files.resolve("points.sh"));
        assertTrue(script.contains("export MXNET_ENGINE_TYPE='NaiveEngine'") && script.contains("export OMP_NUM_THREADS='1'")
                && !script.contains("HOME"), script);
        assertTrue(text.toString().contains("2 points submitted to Slurm as array job 101"), text.toString());
    }

    @Test
    void statusCountsTheRunStoresResultsAndTheQueuesStates() throws Exception {
        SweepRunner.Result result = submit();
        SlurmPlan plan = SlurmPlan.of(result.parentDir()).orElseThrow();
        Files.writeString(bin.resolve("queue.txt"), "101_1 RUNNING\n101_2 PENDING\n102 PENDING\n");
        assertEquals("slurm: 0 finished, 1 running, 1 queued, 0 failed of 2; job 102 finishes the sweep after them",
                SlurmSweep.status(plan, slurm).line());
        // A pending array shows as one line before its tasks are split off.
        Files.writeString(bin.resolve("queue.txt"), "101 PENDING\n102 PENDING\n");
        assertEquals(2, SlurmSweep.status(plan, slurm).queued());

        assertEquals(List.of("101"), SlurmSweep.cancel(plan, slurm));
        assertTrue(calls().contains("scancel 101"), calls().toString());
        Files.delete(bin.resolve("queue.txt"));
        assertEquals(List.of(), SlurmSweep.cancel(plan, slurm), "nothing left in the queue, nothing to cancel");
    }

    @Test
    void aRefusedSubmissionIsABadInputErrorAndTheParentEndsFailed() throws Exception {
        Files.writeString(bin.resolve("sbatch.fail"), "sbatch: error: invalid partition specified: cpu\n");
        SlurmException e = assertThrows(SlurmException.class, this::submit);
        assertTrue(e.badInput());
        assertEquals("sbatch refused the job: sbatch: error: invalid partition specified: cpu", e.getMessage());
        Path experiment = dir.resolve("runs/fakesweep");
        try (var runs = Files.list(experiment)) {
            Path parent = runs.findFirst().orElseThrow();
            assertEquals(RunStatus.FAILED, RunFolder.at(parent).read().status());
        }
    }

    @Test
    void otherNodesNeedARunStoreTheyShare() throws Exception {
        Files.writeString(bin.resolve("nodes.txt"), "node1\nnode2\n");
        String type = Files.getFileStore(dir).type();
        org.junit.jupiter.api.Assumptions.assumeFalse(SlurmSweep.SHARED_FILESYSTEMS.contains(type), "the temp folder is on " + type);
        SlurmException e = assertThrows(SlurmException.class, this::submit);
        assertTrue(e.badInput());
        assertTrue(e.getMessage().contains("is on " + type + ", a filesystem of this machine only") && e.getMessage().contains("node1, node2"),
                e.getMessage());
        assertTrue(e.hint().contains("--runs"), e.hint());
        assertEquals(List.of(), calls(), "nothing is submitted");
        assertFalse(Files.exists(dir.resolve("runs/fakesweep")), "nor recorded");
    }

    @Test
    void theFinishingJobMarksALostPointWithSlurmsReasonAndResumeSubmitsOnlyItThenEndsTheSameParent() throws Exception {
        SweepRunner.Result result = submit();
        SlurmPlan plan = SlurmPlan.of(result.parentDir()).orElseThrow();
        Path planFile = result.parentDir().resolve("slurm/sweep.json");
        SlurmPlan.Point one = plan.points().get(0);
        new PointResult(one.runId(), "FINISHED", false, 3.5, null, Map.of("test_rmse", 0.25, "test_accuracy", 0.5), null).write(one.result());
        Files.writeString(bin.resolve("show-101_2.txt"), SlurmTest.CANCELLED_TASK.replace("JobId=9 ArrayJobId=6 ArrayTaskId=4",
                "JobId=103 ArrayJobId=101 ArrayTaskId=2"));
        Files.writeString(result.parentDir().resolve("slurm/point-0002.log"), "epoch 1/1 ...\nslurmstepd: *** JOB 103 CANCELLED ***\n");

        StringWriter finishing = new StringWriter();
        assertFalse(SlurmSweep.finish(planFile, slurm, () -> new MlflowFileStore(dir.resolve("mlruns")), new PrintWriter(finishing, true)));
        StoredRun parent = RunFolder.at(result.parentDir()).read();
        assertEquals(RunStatus.FAILED, parent.status(), finishing.toString());
        assertEquals(RunHealth.State.OK, RunFolder.at(result.parentDir()).health().state());
        String summary = Files.readString(result.parentDir().resolve("artifacts/summary.csv"));
        assertTrue(summary.contains("Slurm job 101_2 ended CANCELLED (exit code 0:15, node vm) and left no result"), summary);
        assertTrue(parent.error().contains("[2/2] topology.nodes=3: FAILED — Slurm job 101_2 ended CANCELLED"), parent.error());
        assertTrue(Files.isRegularFile(result.parentDir().resolve("artifacts/logs/point-0002.log")), "the lost task's log is kept");
        assertTrue(finishing.toString().contains("MLflow: 1 run(s) uploaded"), finishing.toString());

        // Resume: only point 2 again, as a new run, under the same parent.
        text.getBuffer().setLength(0);
        SweepRunner.Result resumed = executor(false).resume(result.parentDir());
        assertTrue(resumed.submitted());
        assertEquals("sbatch --parsable --array=2%2 --output=" + result.parentDir().resolve("slurm/point-%4a.log")
                + " --partition=cpu --time=10 " + result.parentDir().resolve("slurm/points.sh"),
                calls().stream().filter(c -> c.startsWith("sbatch")).toList().get(2));
        SlurmPlan again = SlurmPlan.read(planFile);
        assertEquals(2, again.attempts().size());
        assertEquals(one.runId(), again.points().get(0).runId(), "the finished point is kept");
        assertNotEquals(plan.points().get(1).runId(), again.points().get(1).runId(), "the lost one is a new run");
        assertTrue(Files.isRegularFile(result.parentDir().resolve("slurm/point-0002-attempt1.log")));
        assertEquals(RunStatus.RUNNING, RunFolder.at(result.parentDir()).read().status());
        assertEquals(RunHealth.State.IN_PROGRESS, RunFolder.at(result.parentDir()).health().state());

        SlurmPlan.Point two = again.points().get(1);
        new PointResult(two.runId(), "FINISHED", false, 3.0, null, Map.of("test_rmse", 0.5, "test_accuracy", 0.25), null).write(two.result());
        assertTrue(SlurmSweep.finish(planFile, slurm, () -> new MlflowFileStore(dir.resolve("mlruns")), new PrintWriter(new StringWriter())));
        parent = RunFolder.at(result.parentDir()).read();
        assertEquals(RunStatus.FINISHED, parent.status());
        assertEquals(RunHealth.State.OK, RunFolder.at(result.parentDir()).health().state(), "one end, in every file");
        assertEquals("1", parent.tags().get(SlurmSweep.TAG_RESUMED));
        assertTrue(parent.tags().get("edgewise.slurm.attempt1.end").startsWith("FAILED: 1 of 2 points did not finish"));
        assertEquals(List.of(1.0, 2.0), parent.metrics().stream().filter(m -> m.key().equals("points_finished")).map(m -> m.value()).toList(),
                "counted again at the resume's step");
        assertTrue(Files.readString(result.parentDir().resolve("artifacts/summary.csv")).lines().skip(1).allMatch(l -> l.contains(",FINISHED,")));

        Files.writeString(bin.resolve("queue.txt"), "104_2 RUNNING\n");
        SlurmException busy = assertThrows(SlurmException.class, () -> executor(false).resume(result.parentDir()));
        assertTrue(busy.getMessage().contains("still has jobs in the queue: 104_2"), busy.getMessage());
    }
}
