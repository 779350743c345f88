package dev.edgewise.engine.sweep.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What edgewise reads from Slurm's commands and writes for them, without a cluster. */
class SlurmTest {

    /** {@code scontrol show job -o 6_4} on Slurm 22.05 after {@code scancel} (abridged, field order as printed). */
    static final String CANCELLED_TASK = "JobId=9 ArrayJobId=6 ArrayTaskId=4 JobName=edgewise-slurmsweep UserId=root(0) GroupId=root(0)"
            + " MCS_label=N/A Priority=1 Nice=0 Account=(null) QOS=(null) JobState=CANCELLED Reason=None Dependency=(null) Requeue=1"
            + " Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:15 RunTime=00:00:02 TimeLimit=UNLIMITED TimeMin=N/A"
            + " SubmitTime=2026-12-02T07:02:14 Partition=debug AllocNode:Sid=vm:123 NodeList=vm BatchHost=vm NumNodes=1"
            + " Command=/tmp/runs/x y/slurm/points.sh WorkDir=/tmp StdOut=/tmp/runs/slurm/point-0004.log Power=\n";

    @Test
    void aJobIdIsReadFromSbatchParsableWithOrWithoutTheCluster() {
        assertEquals("1234", Slurm.parseJobId("1234\n"));
        assertEquals("1234", Slurm.parseJobId("1234;cluster\n"));
        SlurmException e = assertThrows(SlurmException.class, () -> Slurm.parseJobId("Submitted batch job 12"));
        assertTrue(e.getMessage().contains("without a job id"), e.getMessage());
    }

    @Test
    void scontrolsRecordOfACancelledArrayTaskSaysHowItEnded() {
        Slurm.JobInfo info = Slurm.parseShow(CANCELLED_TASK, "6_4").orElseThrow();
        assertEquals("6_4", info.jobId());
        assertEquals("CANCELLED", info.state());
        assertEquals("0:15", info.exitCode());
        assertEquals("CANCELLED (exit code 0:15, node vm)", info.describe());
        assertEquals("/tmp/runs/x y/slurm/points.sh", Slurm.fields(CANCELLED_TASK).get("Command"), "a value with a space is kept whole");
        assertEquals(Optional.empty(), Slurm.parseShow(CANCELLED_TASK, "6_3"), "another task is not this one");
        Slurm.JobInfo timeout = Slurm.parseShow("JobId=12 JobName=x JobState=TIMEOUT Reason=TimeLimit ExitCode=0:0 NodeList=n7", "12")
                .orElseThrow();
        assertEquals("TIMEOUT (reason: TimeLimit, exit code 0:0, node n7)", timeout.describe());
    }

    @Test
    void withoutSlurmHereTheErrorSaysWhatToInstall(@TempDir Path empty) {
        Slurm none = new Slurm(List.of(empty));
        assertTrue(!none.available());
        SlurmException e = assertThrows(SlurmException.class, none::nodes);
        assertEquals("sinfo is not installed here (not on the PATH)", e.getMessage());
        assertTrue(e.badInput() && e.hint().contains("slurm-client"), e.hint());
    }

    @Test
    void squeueLinesGiveEachTaskItsState() {
        assertEquals(Map.of("7_1", "RUNNING", "7_2", "PENDING", "8", "PENDING"), Slurm.parseQueue("7_1 RUNNING\n  7_2 PENDING\n8 PENDING\n\n"));
    }

    @Test
    void theArraySpecNamesRangesAndTheLimit() {
        assertEquals("1-4%2", SlurmScripts.array(List.of(1, 2, 3, 4), 2));
        assertEquals("2,4%3", SlurmScripts.array(List.of(2, 4), 3));
        assertEquals("1-3,5,7-8%1", SlurmScripts.array(List.of(1, 2, 3, 5, 7, 8), 1));
    }

    @Test
    void theArrayScriptRunsTheTasksCommandLineWithTheVariablesThatDecideTheBits() {
        Map<String, String> env = SlurmScripts.environment(2, Map.of("MXNET_ENGINE_TYPE", "NaiveEngine", "OMP_NUM_THREADS", "8",
                "HOME", "/root", "EDGEWISE_CACHE", "/data/it's here"));
        assertEquals(Map.of("MXNET_ENGINE_TYPE", "NaiveEngine", "OMP_NUM_THREADS", "2", "MKL_NUM_THREADS", "2",
                "EDGEWISE_CACHE", "/data/it's here"), env, "the child JVM's thread counts win over this process's");
        String script = SlurmScripts.points("my sweep", Path.of("/runs/a b/slurm"), 2, env);
        assertTrue(script.startsWith("#!/bin/bash\n"), script);
        assertTrue(script.contains("#SBATCH --cpus-per-task=2\n"), script);
        assertTrue(script.contains("#SBATCH --job-name=edgewise-my_sweep\n"), script);
        assertTrue(script.contains("export EDGEWISE_CACHE='/data/it'\\''s here'\n"), script);
        assertTrue(script.contains("mapfile -d '' -t command < '/runs/a b/slurm'/point-$task.cmd\n"), script);
        assertTrue(script.endsWith("exec \"${command[@]}\"\n"), script);
    }

    @Test
    void aCommandLineWithSpacesAndQuotesSurvivesTheScriptWordForWord(@TempDir Path dir) throws Exception {
        List<String> command = List.of("/bin/printf", "[%s]\\n", "a b", "it's", "\"q\"", "", "x\ny");
        Files.write(dir.resolve("point-0003.cmd"), SlurmScripts.nulSeparated(command));
        Path script = dir.resolve("points.sh");
        Files.writeString(script, SlurmScripts.points("t", dir, 1, Map.of()), StandardCharsets.UTF_8);
        ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        bash.environment().put("SLURM_ARRAY_TASK_ID", "3");
        Process p = bash.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("[a b]\n[it's]\n[\"q\"]\n[]\n[x\ny]\n", out);
    }
}
