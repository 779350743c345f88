package dev.edgewise.engine.track;

import java.util.UUID;

/** Test helpers for run identities. */
final class TestRuns {

    private TestRuns() {}

    static String newRunId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
