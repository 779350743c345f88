package dev.edgewise.engine.track;

import java.io.IOException;
import java.util.List;

/**
 * A tracker that can be brought up to date with a run recorded in the run store: it sends what it
 * lacks and nothing it has, so syncing twice changes nothing the second time.
 */
public interface Syncable {

    /** {@code events} are one run's, as {@link RunStore#readEvents} returns them (artifacts point into the run folder). */
    SyncReport sync(List<RunEvent> events) throws IOException;
}
