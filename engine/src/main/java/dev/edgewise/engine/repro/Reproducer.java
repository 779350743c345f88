package dev.edgewise.engine.repro;

import dev.edgewise.engine.track.RunStoreLayout;

import dev.edgewise.catalog.io.AtomicFiles;
import dev.edgewise.dsl.LoadedSpec;
import dev.edgewise.dsl.yaml.YamlSpecReader;
import dev.edgewise.engine.sweep.ChildJvm;
import dev.edgewise.engine.sweep.NativeThreads;
import dev.edgewise.engine.sweep.PointJob;
import dev.edgewise.engine.sweep.PointResult;
import dev.edgewise.engine.track.RunFolder;
import dev.edgewise.engine.track.RunProvenance;
import dev.edgewise.engine.track.RunRecorder;
import dev.edgewise.engine.track.StoredRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a recorded run again from its logged spec (seed included), in a child JVM with the native
 * thread counts the original ran with, always computing (never from the run cache), and compares
 * every metric value.
 */
public final class Reproducer {

    public static final String TAG_REPRODUCES = "edgewise.reproduces";

    /** Provenance facts whose difference can explain different metrics; shown when they differ. */
    static final List<String> EXPLAINING = List.of(RunProvenance.SPEC_HASH, RunProvenance.CODE_FINGERPRINT,
            RunProvenance.DATA_FINGERPRINT, RunProvenance.DJL_VERSION, RunProvenance.ENGINE_VERSION, RunProvenance.NATIVE_LIBRARY,
            RunProvenance.OMP_NUM_THREADS, RunProvenance.MKL_NUM_THREADS, RunProvenance.CPU, RunProvenance.OS,
            RunProvenance.JAVA_VERSION);

    /**
     * @param run the new run, null when it failed before it had a record
     * @param provenanceDifferences fact -> [original, reproduced] for the facts that differ
     */
    public record Result(RecordedRun original, PointResult run, MetricDiff diff, Map<String, List<String>> provenanceDifferences) {

        public boolean identical() {
            return run != null && run.status().equals("FINISHED") && diff != null && diff.differing().isEmpty();
        }
    }

    private final Path runs;
    private final Path mlruns;
    private final boolean progress;

    public Reproducer(Path runs, Path mlruns, boolean progress) {
        this.runs = runs;
        this.mlruns = mlruns;
        this.progress = progress;
    }

    public Result reproduce(RecordedRun original, String commandLine) throws IOException, InterruptedException {
        if (original.sweepParent()) {
            throw new IllegalArgumentException("run " + original.runId() + " is a sweep's parent: it trained nothing itself;"
                    + " reproduce one of its points (edgewise compare " + original.runId() + " lists them)");
        }
        Path scratch = Files.createTempDirectory("edgewise-reproduce-");
        try {
            Path spec = scratch.resolve(RunStoreLayout.SPEC_ARTIFACT);
            Files.writeString(spec, original.specYaml(), StandardCharsets.UTF_8);
            LoadedSpec loaded = YamlSpecReader.read(spec);
            Map<String, String> env = new HashMap<>();
            RunProvenance.EnvironmentFacts recordedEnvironment = original.provenance().environment();
            env.put(NativeThreads.OMP, threadSetting(recordedEnvironment.ompNumThreads()));
            env.put(NativeThreads.MKL, threadSetting(recordedEnvironment.mklNumThreads()));
            String runId = RunRecorder.newRunId();
            PointJob job = new PointJob(spec, null, runId, loaded.spec().name() + " reproduces " + original.runId().substring(0, 8),
                    null, Map.of(TAG_REPRODUCES, original.runId()), runs, mlruns, true, commandLine, scratch.resolve("result.json"));
            Process process = ChildJvm.start(job.arguments(progress), null, env, null);
            process.waitFor();
            Optional<PointResult> result = PointResult.read(job.result());
            if (result.isEmpty() || result.get().runDir() == null) {
                return new Result(original, result.orElse(null), null, Map.of());
            }
            RunFolder folder = RunFolder.at(result.get().runDir());
            StoredRun again = folder.read();
            Map<String, List<String>> differences = new java.util.LinkedHashMap<>();
            Map<String, String> was = original.provenance().facts();
            Map<String, String> now = folder.provenance().facts();
            for (String fact : EXPLAINING) {
                String before = was.getOrDefault(fact, RunProvenance.UNKNOWN);
                String after = now.getOrDefault(fact, RunProvenance.UNKNOWN);
                if (!before.equals(after)) {
                    differences.put(fact, new ArrayList<>(List.of(before, after)));
                }
            }
            return new Result(original, result.get(), MetricDiff.of(original.metrics(), again.metrics(), original.stoppedEarly() != null), differences);
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
    }

    /**
     * For a run on the user's own files: whether those files still hold what the run read. Null
     * for a catalog dataset (its loader checks the pinned checksums itself) or a run without a
     * recorded fingerprint; else one line for the user, saying "unchanged" or what changed. Looked
     * at before the re-run, so a changed or missing file is named even when the re-run fails.
     */
    public static String dataCheck(RecordedRun original) {
        RunProvenance.DataFacts recorded = original.provenance().data();
        if (recorded == null || recorded.fingerprint() == null || recorded.source() == null || !recorded.source().startsWith("file:")) {
            return null;
        }
        String file = recorded.source().substring("file:".length());
        try {
            LoadedSpec loaded = YamlSpecReader.read(original.specYaml(), RunStoreLayout.SPEC_ARTIFACT);
            if (loaded.spec().data().file() == null) {
                return null;
            }
            String now = dev.edgewise.catalog.data.files.UserData.load(loaded.spec().data(),
                    dev.edgewise.catalog.data.DataCache.fromEnvironment()).fingerprint();
            return now.equals(recorded.fingerprint()) ? "data: " + file + " unchanged (" + shortHash(now) + ")"
                    : "data: " + file + " CHANGED since the run: fingerprint " + shortHash(recorded.fingerprint()) + " -> " + shortHash(now)
                            + " (the contents or the loading options differ; the metrics will too)";
        } catch (dev.edgewise.catalog.data.files.DataFileException e) {
            return "data: " + file + " CHANGED since the run and no longer loads: " + e.getMessage();
        } catch (dev.edgewise.dsl.SpecException e) {
            return null;
        }
    }

    private static String shortHash(String fingerprint) {
        return fingerprint.replaceFirst("^(sha256:.{12}).*", "$1");
    }

    /** The variable's value for the re-run: "unset" is recorded as such, and the re-run must not have it either. */
    private static String threadSetting(String recorded) {
        return recorded == null || recorded.equals("unset") ? null : recorded;
    }
}
