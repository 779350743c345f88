package dev.edgewise.engine.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tracker frozen at the end of a run (a stopped server) delays the end by seconds, not tens of seconds. */
class FrozenTrackerTest {

    @Test
    void aFrozenTrackerHoldsTheEndOfARunOnlyBriefly(@TempDir Path tmp) throws IOException {
        CountDownLatch thaw = new CountDownLatch(1);
        RunSink frozen = new RunSink() {
            @Override
            public String name() {
                return "frozen tracker";
            }

            @Override
            public void accept(RunEvent event) {
                if (event instanceof RunEvent.Finished) {
                    try {
                        thaw.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        long started = System.nanoTime();
        try (RunRecorder recorder = new RunRecorder(new RunStore(tmp), List.of(frozen))) {
            recorder.start(new RunInfo(RunRecorder.newRunId(), "frozen", "frozen-1", System.currentTimeMillis(), null, "test"));
            recorder.metric("loss", 0.5, 1);
            recorder.finish(RunStatus.FINISHED, null);
            assertTrue(recorder.trackerFailures().get("frozen tracker").contains("did not catch up"), recorder.trackerFailures().toString());
        } finally {
            thaw.countDown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // finish and close each wait at most the drain timeout; the run store has everything either way.
        assertTrue(seconds < 2 * RunRecorder.DEFAULT_DRAIN_TIMEOUT.toSeconds() + 2, "the end of the run took " + seconds + " s");
        assertEquals(5, RunRecorder.DEFAULT_DRAIN_TIMEOUT.toSeconds());
    }
}
