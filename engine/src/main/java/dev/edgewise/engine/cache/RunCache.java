package dev.edgewise.engine.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.engine.run.RunResult;
import dev.edgewise.engine.track.RunStatus;
import dev.edgewise.engine.track.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finished runs found again by what produced them, so an identical run is not computed twice.
 *
 * <p>The key is a hash of the provenance facts that decide a run's metrics bit for bit: the spec
 * hash (which includes the seed), the code fingerprint, the data fingerprint, DJL, engine and
 * native library versions, the native thread counts, and the CPU and OS. Git commit, command line
 * and time do not decide the metrics and are not in it. Runs are tagged {@value #TAG} with their
 * key; only FINISHED runs whose {@code results.json} is in place are hits.
 */
public final class RunCache {

    public static final String TAG = "edgewise.cache_key";

    /** The facts (provenance keys) the key is made of. */
    public static final List<String> KEY_FACTS = List.of("spec_hash", "code_fingerprint", "data_fingerprint", "djl_version",
            "engine", "engine_version", "native_library", "omp_num_threads", "mkl_num_threads", "cpu", "os");

    private static final Logger log = LoggerFactory.getLogger(RunCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runsRoot;

    public RunCache(Path runsRoot) {
        this.runsRoot = runsRoot.toAbsolutePath().normalize();
    }

    /** {@code sha256:<hex>} of the key facts; a fact that is missing counts as "unknown". */
    public static String key(Map<String, String> provenance) {
        StringBuilder text = new StringBuilder();
        for (String fact : KEY_FACTS) {
            text.append(fact).append('=').append(provenance.getOrDefault(fact, "unknown")).append('\n');
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
        Path folder = runsRoot.resolve(RunStore.experimentFolder(experiment));
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        RunResult best = null;
        long bestEnd = Long.MIN_VALUE;
        try (Stream<Path> runs = Files.list(folder)) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                try {
                    JsonNode info = JSON.readTree(run.resolve(RunStore.RUN_FILE).toFile());
                    if (!RunStatus.FINISHED.name().equals(info.path("status").asText())) {
                        continue;
                    }
                    JsonNode tags = JSON.readTree(run.resolve(RunStore.TAGS_FILE).toFile());
                    Path results = run.resolve(RunStore.ARTIFACTS_DIR).resolve("results.json");
                    if (!key.equals(tags.path(TAG).asText()) || !Files.isRegularFile(results)) {
                        continue;
                    }
                    long end = info.path("endTimeMs").asLong();
                    if (end > bestEnd) {
                        Map<String, Double> metrics = new LinkedHashMap<>();
                        JSON.readTree(results.toFile()).fields().forEachRemaining(f -> metrics.put(f.getKey(), f.getValue().asDouble()));
                        double seconds = (end - info.path("startTimeMs").asLong()) / 1000.0;
                        best = new RunResult(info.path("runId").asText(), info.path("experimentName").asText(), RunStatus.FINISHED, run,
                                metrics, seconds, true);
                        bestEnd = end;
                    }
                } catch (IOException | RuntimeException e) {
                    // A run folder being written right now, or damaged: not a hit, and no reason to stop.
                    log.debug("run cache: skipping {}: {}", run, e.getMessage());
                }
            }
        } catch (IOException e) {
            log.warn("run cache: cannot list {}: {}", folder, e.getMessage());
        }
        return Optional.ofNullable(best);
    }
}
