package dev.edgewise.engine.track;

import java.nio.file.Path;
import java.util.List;

/** A child process for the kill tests: records a run, says so on stdout, and waits to be killed. */
public final class RecordUntilKilled {

    public static void main(String[] args) throws Exception {
        RunRecorder recorder = new RunRecorder(new RunStore(Path.of(args[0])), List.of());
        recorder.start(new RunInfo(args[1], "killed", "victim", System.currentTimeMillis(), null, "alice"));
        // As ExperimentRunner does: SIGTERM runs shutdown hooks, and closing an unfinished recorder ends the run KILLED.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                recorder.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        recorder.param("p", "1");
        for (int epoch = 1; epoch <= 3; epoch++) {
            recorder.metric("loss", 1.0 / epoch, epoch);
        }
        recorder.flush();
        System.out.println("recording");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
