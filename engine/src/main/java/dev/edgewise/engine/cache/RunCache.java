package dev.edgewise.engine.cache;

import dev.edgewise.engine.run.RunResult;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunProvenance;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunStoreReader;
import dev.edgewise.engine.track.RunSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished runs found again by what produced them, so an identical run is not computed twice.
 *
 * <p>The key is a hash of the provenance facts that decide a run's metrics bit for bit: the spec
 * hash (which includes the seed), the code fingerprint, the data fingerprint, DJL, engine and
 * native library versions, the native thread counts (and the engine's own, PyTorch's pools), and the CPU and OS. Git commit, command line
 * and time do not decide the metrics and are not in it. Runs are tagged {@value #TAG} with their
 * key; only FINISHED runs whose results artifact is in place are hits.
 */
public final class RunCache {

    public static final String TAG = "edgewise.cache_key";

    /**
     * The facts the key is made of, in the order they are hashed. Adding one changes every key, so
     * every earlier run stops being a hit.
     */
    public static final List<String> KEY_FACTS = List.of(RunProvenance.SPEC_HASH, RunProvenance.CODE_FINGERPRINT,
            RunProvenance.DATA_FINGERPRINT, RunProvenance.DJL_VERSION, RunProvenance.ENGINE, RunProvenance.ENGINE_VERSION,
            RunProvenance.NATIVE_LIBRARY, RunProvenance.OMP_NUM_THREADS, RunProvenance.MKL_NUM_THREADS, RunProvenance.ENGINE_THREADS,
            RunProvenance.CPU, RunProvenance.OS);

    private static final Logger log = LoggerFactory.getLogger(RunCache.class);

    private final RunStoreReader store;

    public RunCache(Path runsRoot) {
        this.store = new RunStoreReader(runsRoot);
    }

    /** {@code sha256:<hex>} of the key facts; a fact that is not known counts as "unknown". */
    public static String key(RunProvenance provenance) {
        Map<String, String> facts = provenance.facts();
        StringBuilder text = new StringBuilder();
        for (String fact : KEY_FACTS) {
            text.append(fact).append('=').append(facts.getOrDefault(fact, RunProvenance.UNKNOWN)).append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The newest finished run of {@code experiment} with this key, as the run that would have been computed. */
    public Optional<RunResult> lookup(String experiment, String key) {
        RunResult best = null;
        long bestEnd = Long.MIN_VALUE;
        List<RunFolder> runs;
        try {
            runs = store.runsOf(experiment);
        } catch (IOException e) {
            log.warn("run cache: cannot list the runs of {} in {}: {}", experiment, store.root(), e.getMessage());
            return Optional.empty();
        }
        for (RunFolder run : runs) {
            try {
                Optional<RunSummary> info = run.summary();
                if (info.isEmpty() || info.get().status() != RunStatus.FINISHED || !key.equals(run.tags().get(TAG))) {
                    continue;
                }
                long end = info.get().endTimeMs() == null ? 0 : info.get().endTimeMs();
                Optional<Map<String, Double>> results = run.results();
                if (results.isPresent() && end > bestEnd) {
                    double seconds = (end - info.get().startTimeMs()) / 1000.0;
                    best = new RunResult(info.get().runId(), info.get().experiment(), RunStatus.FINISHED, run.dir(), results.get(),
                            seconds, true);
                    bestEnd = end;
                }
            } catch (IOException | RuntimeException e) {
                // A run folder being written right now, or damaged: not a hit, and no reason to stop.
                log.debug("run cache: skipping {}: {}", run, e.getMessage());
            }
        }
        return Optional.ofNullable(best);
    }
}
